import { describe, expect, it } from 'vitest';
import { answerTypeOf, holdsAnswerType } from '../src/stages/4-query/answer-type.ts';
import { assembleAnswer } from '../src/stages/6-answer/assemble.ts';
import { extractGlossary } from '../src/stages/4-query/glossary.ts';
import { firstMentions } from '../src/stages/6-answer/introduction.ts';
import { analyzeQuestion } from '../src/stages/4-query/question.ts';
import { scoreSentences, SENTENCE_FEATURES, type ScoredSentence } from '../src/stages/6-answer/score.ts';
import { chosen, storedChunk } from './support/sentences.ts';
import { documentReader } from '../src/stages/6-answer/document-reader.ts';
import { chunkTermsCache } from '../src/stages/5-retrieve/chunk-terms.ts';
import { refersBack, refersForward, withReferents } from '../src/stages/6-answer/referents.ts';
import { selectSentences } from '../src/stages/6-answer/select.ts';
import { DEFAULT_ANSWER } from '../src/stages/6-answer/answerer.ts';
import { LruCache } from '../src/shared/lru-cache.ts';
import { reciprocalRankFusion } from '../src/stages/5-retrieve/fusion.ts';
import { LexicalIndex, nearStems } from '../src/stages/5-retrieve/lexical-index.ts';
import { contentStems, derivationalPartner, stem } from '../src/text/words.ts';

describe('assembleAnswer', () => {
  const a = storedChunk('doc-a#2', 2, 'Première phrase du paragraphe. Deuxième phrase utile. Troisième phrase.');
  const b = storedChunk('doc-b#5', 5, 'Une autre source dit ceci. Et cela.');

  it('quotes verbatim, one marker per quote, citations numbered in order', () => {
    const { answer, citations } = assembleAnswer([chosen(a, 1, 0.9), chosen(b, 0, 0.7)]);
    expect(answer).toBe('Deuxième phrase utile. [1] Une autre source dit ceci. [2]');
    expect(citations.map((c) => [c.n, c.doc, c.paragraph, c.quote])).toEqual([
      [1, 'doc-a', 2, 'Deuxième phrase utile.'],
      [2, 'doc-b', 5, 'Une autre source dit ceci.'],
    ]);
    for (const c of citations) {
      expect(c.text).toContain(c.quote);
      expect(c.text.slice(c.start, c.end)).toBe(c.quote);
    }
    expect(citations[0]!.url).toBe('/docs/doc-a?p=2#p-2');
  });

  it('merges neighbouring sentences of one paragraph into one quote, in reading order', () => {
    const { answer, citations } = assembleAnswer([chosen(a, 1, 0.9), chosen(a, 0, 0.8)]);
    expect(citations).toHaveLength(1);
    expect(citations[0]!.quote).toBe('Première phrase du paragraphe. Deuxième phrase utile.');
    expect(answer).toBe('Première phrase du paragraphe. Deuxième phrase utile. [1]');
  });

  it('keeps sentences of one paragraph that do not touch as separate quotes', () => {
    const { citations } = assembleAnswer([chosen(a, 0, 0.9), chosen(a, 2, 0.8)]);
    expect(citations.map((c) => c.quote)).toEqual(['Première phrase du paragraphe.', 'Troisième phrase.']);
  });
});

describe('extractGlossary', () => {
  it('finds acronyms the articles define, with their long form', () => {
    const glossary = extractGlossary([
      'Il a inauguré l’État-major interministériel de lutte contre la criminalité organisée (EMCO), un nouvel outil.',
      'La création du Parquet national anticriminalité organisée (Pnaco), établi en juin.',
      'Un chiffre (2025) et une parenthèse (voir plus haut).',
    ]);
    expect([...glossary]).toEqual([
      ['emco', 'État-major interministériel de lutte contre la criminalité organisée'],
      ['pnaco', 'Parquet national anticriminalité organisée'],
    ]);
  });
});

describe('answer types', () => {
  it('reads the kind of answer a question asks for, in French and English', () => {
    expect(answerTypeOf('Qui a inauguré l’EMCO ?')).toBe('person');
    expect(answerTypeOf('Combien de services regroupe-t-il ?')).toBe('number');
    expect(answerTypeOf('Quand le Pnaco a-t-il été installé ?')).toBe('date');
    expect(answerTypeOf('Où est basé l’EMCO ?')).toBe('place');
    expect(answerTypeOf('Que signifie Pnaco ?')).toBe('definition');
    expect(answerTypeOf('What is the office meant to harmonise?')).toBe('purpose');
    expect(answerTypeOf('Quelle crainte exprime le syndicaliste ?')).toBe('statement');
    expect(answerTypeOf('Ou bien autre chose ?')).toBe('other');
    // Typed without its accent, "où" is still read where "ou" ("or") cannot stand: first.
    expect(answerTypeOf('ou est basee l emco')).toBe('place');
    expect(answerTypeOf('Le Pnaco ou l’EMCO ?')).toBe('other');
    // A noun for a person by role asks for a person, as "qui" does.
    expect(answerTypeOf('Quel narcotrafiquant s’est évadé ?')).toBe('person');
    expect(answerTypeOf('Which ministers attended?')).toBe('person');
    expect(answerTypeOf('Quel syndicat représente-t-il ?')).toBe('other');
    expect(answerTypeOf('What is the EMCO for?')).toBe('purpose');
  });

  it('recognises sentences that hold that kind of answer', () => {
    expect(holdsAnswerType('person', 'Emmanuel Macron a inauguré l’EMCO.', 'Qui a inauguré l’EMCO ?', [])).toBe(true);
    expect(holdsAnswerType('person', 'Le président a inauguré l’EMCO.', 'Qui a inauguré l’EMCO ?', [])).toBe(false);
    expect(holdsAnswerType('number', 'Il regroupe douze services.', '', [])).toBe(true);
    expect(holdsAnswerType('date', 'Il a été installé le 5 janvier.', '', [])).toBe(true);
    // The numbers of a date say when, not how many.
    expect(holdsAnswerType('number', 'Le président a inauguré ce mercredi 14 mai l’État-major.', '', [])).toBe(false);
    expect(holdsAnswerType('number', 'La loi a été adoptée en juin 2025.', '', [])).toBe(false);
    expect(holdsAnswerType('number', 'The office opened on May 14, 2025.', '', [])).toBe(false);
    expect(holdsAnswerType('number', 'Le 3 mai 2025, les douaniers ont saisi 14 tonnes de cocaïne.', '', [])).toBe(true);
    expect(holdsAnswerType('number', 'They arrested 12 people on 3 March.', '', [])).toBe(true);
    expect(holdsAnswerType('date', 'Le président a inauguré ce mercredi 14 mai l’État-major.', '', [])).toBe(true);
    expect(holdsAnswerType('place', 'Il est basé à Nanterre.', '', [])).toBe(true);
    expect(holdsAnswerType('place', 'Le président s’est recueilli au centre pénitentiaire de Caen.', '', [])).toBe(true);
    expect(holdsAnswerType('place', 'Il a vocation à se mettre au service des enquêteurs.', '', [])).toBe(false);
    expect(holdsAnswerType('definition', 'Le Parquet national anticriminalité organisée (Pnaco) est né.', '', ['Parquet national anticriminalité organisée'])).toBe(true);
  });
});

describe('lexical retrieval and fusion', () => {
  it('treats stems that differ by their last letter as one term', () => {
    expect(nearStems('syndical', 'syndicat')).toBe(true);
    expect(nearStems('reproduir', 'reproduis')).toBe(true);
    expect(nearStems('coordon', 'coordin')).toBe(false);
    expect(nearStems('port', 'porc')).toBe(false);
  });

  it('joins the stems of a verb in -der and its noun in -sion, when the corpus has both', () => {
    const index = LexicalIndex.fromTexts(['Un an après l’évasion sanglante de Mohamed Amra.', 'Une décision rendue.']);
    expect(index.expand(stem('évadé'))).toEqual([stem('évadé'), stem('évasion')]);
    expect(index.expand(stem('décidé'))).toContain(stem('décision'));
    // No partner the corpus lacks, and none for stems too short to tell apart.
    expect(index.expand(stem('inondé'))).toEqual([stem('inondé')]);
    expect(derivationalPartner('aid')).toBeNull();
  });

  it('ranks by BM25 over stems, ignoring stop words and accents', () => {
    const index = LexicalIndex.fromTexts([
      'Les douaniers ont saisi de la cocaïne au port.',
      'Le syndicat de police critique la réforme.',
      'La réforme des ports est votée.',
    ]);
    const [best] = index.search([{ stems: index.expand('syndical'), weight: 1 }], 3);
    expect(best!.row).toBe(1);
    const ports = index.search([{ stems: ['port'], weight: 1 }], 3).map((r) => r.row);
    expect(ports.sort()).toEqual([0, 2]);
    expect(index.idf('cocain')).toBeGreaterThan(index.idf('reform'));
  });

  it('fuses rankings by reciprocal rank, weighting each ranking', () => {
    const dense = [{ row: 1, score: 0.9 }, { row: 2, score: 0.5 }];
    const lexical = [{ row: 2, score: 7 }, { row: 3, score: 1 }];
    const fused = reciprocalRankFusion([{ ranking: dense, weight: 1 }, { ranking: lexical, weight: 1 }]);
    expect(fused.map((r) => r.row)).toEqual([2, 1, 3]);
    const lexicalFirst = reciprocalRankFusion([{ ranking: dense, weight: 0.1 }, { ranking: lexical, weight: 1 }]);
    expect(lexicalFirst[0]!.row).toBe(2);
    expect(lexicalFirst[1]!.row).toBe(3);
  });
});

describe('LruCache (question vectors, sentence stems)', () => {
  it('keeps the most recently used vectors up to its capacity', () => {
    const cache = new LruCache<string, Float32Array>(2);
    const v = (x: number) => new Float32Array([x]);
    cache.set('a', v(1));
    cache.set('b', v(2));
    expect(cache.get('a')?.[0]).toBe(1);
    cache.set('c', v(3));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.[0]).toBe(1);
    expect(cache.get('c')?.[0]).toBe(3);
    expect(cache.size).toBe(2);
    // The newest asked again and again stays the newest: the one before it goes first.
    cache.get('a');
    cache.get('a');
    cache.set('d', v(4));
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')?.[0]).toBe(1);
  });

  it('keeps an entry asked for through at least half its capacity of further stores, and forgets the one never asked for again first', () => {
    const cache = new LruCache<number, number>(100);
    for (let i = 0; i < 100; i++) cache.set(i, i);
    // 0 is the oldest; asked for, it moves to the newest end. 1 is left the oldest.
    expect(cache.get(0)).toBe(0);
    cache.set(100, 100);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(0)).toBe(0);
    // Asked for after each store, it outlives two capacities' worth of them (moved each time it reaches the older half).
    for (let i = 101; i < 300; i++) {
      cache.set(i, i);
      expect(cache.get(0)).toBe(0);
    }
    expect(cache.size).toBe(100);
    // Never asked for again: gone after a full capacity of stores.
    for (let i = 300; i < 400; i++) cache.set(i, i);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(399)).toBe(399);
  });
});

describe('first mentions', () => {
  const glossary = new Map([['emco', 'État-major interministériel de lutte contre la criminalité organisée']]);
  const chunks = [
    storedChunk('a#1', 1, 'Le président a inauguré l’État-major interministériel de lutte contre la criminalité organisée, un outil visant à coordonner la lutte.'),
    storedChunk('a#2', 2, 'Quinze opérateurs y travaillent. L’EMCO vise aussi à s’attaquer aux têtes de réseau.'),
    storedChunk('b#1', 1, 'Mehdi Kessaci, le frère d’Amine, militant écologiste. Une autre phrase sur l’EMCO.'),
    storedChunk('b#2', 2, 'Amine Kessaci a parlé. L’EMCO est à Nanterre.'),
  ];
  const lexicon = LexicalIndex.fromTexts(chunks.map((c) => c.text));
  const reader = documentReader(chunks, chunkTermsCache(100), 100);
  const SPAN = 100;
  const firstNaming = (question: string) => {
    const { subject } = analyzeQuestion(question, glossary, lexicon);
    return subject ? [...firstMentions(subject, [chunks[1]!, chunks[3]!], reader, SPAN)].map((s) => s.text) : null;
  };

  it('finds in each article the sentence that first names what the question asks about, long forms included', () => {
    expect(firstNaming('Quel est le rôle de l’EMCO ?')).toEqual([chunks[0]!.sentences[0]!.text, 'Une autre phrase sur l’EMCO.']);
    expect(firstNaming('Qui est Amine Kessaci ?')).toEqual(['Mehdi Kessaci, le frère d’Amine, militant écologiste.']);
  });

  it('reads a paragraph once: the answer stage takes its sentence stems and text cues from the ranking features’ reading', () => {
    const terms = chunkTermsCache(100);
    const shared = documentReader(chunks, terms, 100);
    const chunk = chunks[1]!;
    expect(shared.sentenceStems(chunk)).toBe(terms(chunk).sentenceStems);
    expect(shared.cues(chunk).text).toBe(terms(chunk).cues);
    expect(shared.sentenceStems(chunk).map((stems) => [...stems])).toEqual(chunk.sentences.map((s) => [...new Set(contentStems(s.text))]));
    expect([...shared.contextStems(chunk)]).toEqual(expect.arrayContaining([...terms(chunk).title, ...shared.sentenceStems(chunk).flatMap((stems) => [...stems])]));
  });

  it('reads an article no further than its last retrieved paragraph', () => {
    const { subject } = analyzeQuestion('Qui est Amine Kessaci ?', glossary, lexicon);
    const article = [storedChunk('c#1', 1, 'Une réunion s’est tenue hier.'), storedChunk('c#2', 2, 'Amine Kessaci y a pris la parole.')];
    const articleReader = documentReader(article, chunkTermsCache(100), 100);
    expect(firstMentions(subject!, [article[0]!], articleReader, SPAN).size).toBe(0);
    expect([...firstMentions(subject!, [article[1]!], articleReader, SPAN)].map((s) => s.text)).toEqual(['Amine Kessaci y a pris la parole.']);
  });

  it('only for a question about the name alone', () => {
    expect(firstNaming('Quel est le rôle de l’EMCO dans les ports ?')).toBeNull();
    expect(firstNaming('Combien d’opérateurs travaillent ?')).toBeNull();
  });
});

describe('quotes that point outside themselves', () => {
  const paragraph = storedChunk(
    'emco#24',
    24,
    'L’objectif de ce nouveau service est clair : éviter qu’un nouveau dossier Amra ne se reproduise. Pour rappel, cette affaire avait révélé plusieurs défaillances. La dangerosité de ce narcotrafiquant multirécidiviste avait été sous-estimée, et son réseau mal évalué. L’EMCO vise aussi à s’attaquer plus efficacement aux têtes de réseau.',
  );
  const cooperation = storedChunk(
    'reunion#6',
    6,
    'Elle abordera aussi les enjeux de coopération policière et judiciaire avec les partenaires internationaux. Les échanges portent sur l’entraide et l’harmonisation des cadres juridiques. Le président souhaite que ce volet soit renforcé dans les mois à venir.',
  );
  const today = storedChunk('reunion#2', 2, 'La réunion s’est ouverte à dix heures. Le président a inauguré ce mercredi 14 mai un nouvel état-major.');

  it('tells back- and forward-pointing sentences from others', () => {
    expect(refersForward('Pour rappel, cette affaire avait révélé plusieurs défaillances.')).toBe(true);
    expect(refersBack('Pour rappel, cette affaire avait révélé plusieurs défaillances.')).toBe(true);
    expect(refersBack('Le président souhaite que ce volet soit renforcé dans les mois à venir.')).toBe(true);
    expect(refersBack('Elle abordera aussi les enjeux de coopération.')).toBe(true);
    expect(refersBack('Le président a inauguré ce mercredi 14 mai un nouvel état-major.')).toBe(false);
    expect(refersForward('L’EMCO vise aussi à s’attaquer plus efficacement aux têtes de réseau.')).toBe(false);
  });

  it('quotes the sentence a chosen one announces or takes up, verbatim, in one quote', () => {
    const { answer, citations } = assembleAnswer(withReferents([chosen(paragraph, 1, 1)]));
    expect(citations).toHaveLength(1);
    expect(citations[0]!.quote).toBe(
      'L’objectif de ce nouveau service est clair : éviter qu’un nouveau dossier Amra ne se reproduise. Pour rappel, cette affaire avait révélé plusieurs défaillances. La dangerosité de ce narcotrafiquant multirécidiviste avait été sous-estimée, et son réseau mal évalué.',
    );
    expect(paragraph.paragraphText.slice(citations[0]!.start, citations[0]!.end)).toBe(citations[0]!.quote);
    expect(answer).toBe(`${citations[0]!.quote} [1]`);
    const volet = assembleAnswer(withReferents([chosen(cooperation, 2, 1)]));
    expect(volet.citations[0]!.quote).toMatch(/^Les échanges portent .*dans les mois à venir\.$/);
  });

  it('adds nothing to a sentence that stands alone, and never crosses its paragraph', () => {
    expect(withReferents([chosen(today, 1, 1)])).toHaveLength(1);
    // The first sentence points back, but its paragraph holds nothing before it.
    expect(withReferents([chosen(cooperation, 0, 1)])).toHaveLength(1);
  });
});

describe('a sentence that only sets up what the next one says', () => {
  const seizure = storedChunk(
    'port#3',
    3,
    'Les douaniers du Havre ont mené une opération d’ampleur la semaine dernière. Ils ont saisi quatorze tonnes de cocaïne dans des conteneurs. Le port reste ouvert aux navires.',
  );
  const lexicon = LexicalIndex.fromTexts([seizure.text]);
  const ask = (question: string) => analyzeQuestion(question, new Map(), lexicon);
  const select = (question: string, ranked: ScoredSentence[], continuation = true) =>
    selectSentences(ask(question), ranked, { ...DEFAULT_ANSWER.selection, continuation }).map((s) => s.index);

  it('brings the next sentence of its paragraph when that one takes it up', () => {
    expect(select('Qu’ont fait les douaniers du Havre la semaine dernière ?', [chosen(seizure, 0, 1), chosen(seizure, 2, 0.3), chosen(seizure, 1, 0.2)])).toEqual([0, 1]);
  });

  it('not when the next sentence stands alone, when a chosen sentence holds the kind of answer asked for, or when switched off', () => {
    expect(select('Qu’ont saisi les douaniers ?', [chosen(seizure, 1, 1), chosen(seizure, 2, 0.3)])).toEqual([1]);
    const holding = { ...chosen(seizure, 0, 1), holdsAnswerType: true };
    expect(select('Quand les douaniers du Havre ont-ils mené une opération ?', [holding, chosen(seizure, 1, 0.2)])).toEqual([0]);
    expect(select('Qu’ont fait les douaniers du Havre la semaine dernière ?', [chosen(seizure, 0, 1), chosen(seizure, 1, 0.2)], false)).toEqual([0]);
  });
});

describe('scoreSentences: the question’s phrasing', () => {
  const paragraph = storedChunk('a#1', 1, 'Au Havre, les saisies de cocaïne se comptent en tonnes. Les douaniers du Havre ont saisi deux tonnes de cocaïne.');
  const lexicon = LexicalIndex.fromTexts([paragraph.text]);
  const source = { ...documentReader([paragraph], chunkTermsCache(10), 10), sentenceVectors: new Float32Array(2) };
  const question = analyzeQuestion('Combien de tonnes de cocaïne les douaniers du Havre ont-ils saisi ?', new Map(), lexicon);

  it('tells the sentence that keeps its consecutive words from one holding the same words in another order', () => {
    const scored = scoreSentences(question, new Float32Array(1), [{ chunk: paragraph, dense: 0, lexical: 0 }], source, { ...DEFAULT_ANSWER, weights: DEFAULT_ANSWER.sentenceWeights });
    const pairs = (index: number) => scored.find((s) => s.index === index)!.features[SENTENCE_FEATURES.indexOf('wordPairs')]!;
    // "tonnes de", "de cocaine", "les douaniers", "douaniers du", "du havre", "havre ont" of the question's 11 pairs.
    expect(pairs(1)).toBeCloseTo(6 / 11, 5);
    expect(pairs(0)).toBeCloseTo(1 / 11, 5);
  });
});
