import { describe, expect, it } from 'vitest';
import { withAcronyms } from '../src/stages/4-query/glossary.ts';
import { analyzeQuestion, termCoverage } from '../src/stages/4-query/question.ts';
import { LexicalIndex } from '../src/stages/5-retrieve/lexical-index.ts';
import { PARAGRAPH_TERMS } from '../src/stages/5-retrieve/paragraph-terms.ts';
import { fold, foldedIncludes } from '../src/text/fold.ts';
import { contentStems, withoutQuestionForms, words } from '../src/text/words.ts';

describe('French-aware tokens', () => {
  it('folds case, accents and typographic apostrophes', () => {
    expect(fold('L’ÉTAT-MAJOR à Nîmes')).toBe("l'etat-major a nimes");
    expect(fold('Œuvre')).toBe('œuvre');
    expect(foldedIncludes('la mesure d’affichage', "MESURE D'AFFICHAGE")).toBe(true);
    expect(foldedIncludes('la mesure d’affichage', 'mesure')).toBe(true);
    expect(foldedIncludes('les mesures', 'mesure')).toBe(false);
  });

  it('splits elisions and compounds the way the tokenizer does', () => {
    expect(words('l’EMCO qu’il s’agit d’harmoniser l\'état-major')).toEqual([
      'l', 'EMCO', 'qu', 'il', 's', 'agit', 'd', 'harmoniser', 'l', 'état', 'major',
    ]);
  });

  it('keeps content words only, stemmed, so inflections meet', () => {
    expect(contentStems('Les réunions qu’ils ont tenues')).toEqual(contentStems('la réunion tenue'));
    expect(contentStems('d’harmoniser')).toEqual(contentStems("l'harmonisation"));
    expect(contentStems('le, la, les, de, du, des, et, qu’il')).toEqual([]);
  });
});

describe('abstention signals on fixed inputs', () => {
  const lexicon = LexicalIndex.fromTexts([
    'Basé à Nanterre, cet état-major regroupe douze services différents.',
    'Le Parquet national anticriminalité organisée (Pnaco) a été installé le 5 janvier.',
  ]);
  const glossary = new Map([['pnaco', 'Parquet national anticriminalité organisée']]);
  const stems = (text: string) => new Set(contentStems(text));

  it('measures how much of the question a paragraph covers, by term weight', () => {
    const question = analyzeQuestion('Combien de services regroupe l’état-major ?', glossary, lexicon);
    expect(termCoverage(question, stems('Cet état-major regroupe douze services.'))).toBe(1);
    expect(termCoverage(question, stems('La recette de la tarte aux pommes.'))).toBe(0);
    const partial = termCoverage(question, stems('Les services de police.'));
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(0.5);
  });

  it('counts an acronym as covered by its long form', () => {
    const question = analyzeQuestion('Quand le Pnaco a-t-il été installé ?', glossary, lexicon);
    expect(termCoverage(question, stems('Le Parquet national anticriminalité organisée a été installé en janvier.'))).toBe(1);
  });

  it('ignores, in a question in another language, the words the corpus never uses', () => {
    const english = analyzeQuestion('How many services does the new office bring together?', glossary, lexicon);
    expect(english.inCorpusLanguage).toBe(false);
    expect(termCoverage(english, stems('Cet état-major regroupe douze services.'))).toBe(1);
    const french = analyzeQuestion('Combien de services compte le nouveau bureau ?', glossary, lexicon);
    expect(french.inCorpusLanguage).toBe(true);
    expect(termCoverage(french, stems('Cet état-major regroupe douze services.'))).toBeLessThan(0.5);
  });

  it('counts, across languages, the numbers and names the corpus never uses', () => {
    const english = analyzeQuestion('How many services did Brazil create in 2022?', glossary, lexicon);
    const terms = new Map(english.terms.map((t) => [t.stems[0], t.languageIndependent]));
    expect(terms.get(contentStems('Brazil')[0])).toBe(true);
    expect(terms.get('2022')).toBe(true);
    expect(terms.get(contentStems('services')[0])).toBe(false);
    // "services" is there, "Brazil" and "2022" are not: the rarer terms weigh against.
    const coverage = termCoverage(english, stems('Cet état-major regroupe douze services.'));
    expect(coverage).toBeGreaterThan(0);
    expect(coverage).toBeLessThan(0.35);
    // The capital of a question's first word is the sentence's, not a name's.
    expect(analyzeQuestion('Services created?', glossary, lexicon).terms[0]!.languageIndependent).toBe(false);
  });

  it('lets a sentence holding the kind of answer asked for cover the noun that names it', () => {
    const question = analyzeQuestion('Quel est le rôle du Pnaco ?', glossary, lexicon);
    expect(question.answerType).toBe('purpose');
    const role = question.terms.find((t) => t.namesAnswerType)!;
    expect(role.stems[0]).toBe(contentStems('rôle')[0]);
    const sentence = stems('Le Pnaco vise à harmoniser les procédures.');
    expect(termCoverage(question, sentence, true)).toBe(1);
    expect(termCoverage(question, sentence, false)).toBeLessThan(1);
  });

  it('lets a count of people be covered by a sentence that counts them under their own name', () => {
    const question = analyzeQuestion("Combien de personnes travaillent à l'EMCO ?", glossary, lexicon);
    expect(question.answerType).toBe('number');
    expect(question.terms.find((t) => t.word === 'personnes')?.namesAnswerType).toBe(true);
    const sentence = stems("Quinze opérateurs travaillent à l'EMCO.");
    expect(termCoverage(question, sentence, true)).toBe(1);
    expect(termCoverage(question, sentence, false)).toBeLessThan(1);
    // Asked anything but a count, "personnes" is a word like any other.
    const where = analyzeQuestion('Où les personnes arrêtées sont-elles jugées ?', glossary, lexicon);
    expect(where.answerType).toBe('place');
    expect(where.terms.some((t) => t.namesAnswerType)).toBe(false);
  });

  it('lets the lexical index find a paragraph that only spells an acronym out', () => {
    const texts = ['Le Parquet national anticriminalité organisée a été installé le 5 janvier.', 'Les scanners du port du Havre.'];
    const expanded = texts.map((text) => withAcronyms(text, glossary));
    expect(expanded[0]).toBe(`${texts[0]}\npnaco`);
    expect(expanded[1]).toBe(texts[1]);
    const index = LexicalIndex.fromTexts(expanded);
    const question = analyzeQuestion('Quand le Pnaco a-t-il été installé ?', glossary, index);
    expect(index.search(question.terms, 2)[0]!.row).toBe(0);
  });
});

describe('question forms', () => {
  it('blanks the verb of a naming question, in any tense or apostrophe, and nothing else', () => {
    expect(words(withoutQuestionForms("Comment s'appelle-t-il ?"))).toEqual(['Comment', 's', 't', 'il']);
    expect(words(withoutQuestionForms('Comment s’appelait la capitale ?'))).toEqual(['Comment', 's', 'la', 'capitale']);
    expect(words(withoutQuestionForms('Comment se nomment les habitants ?'))).toEqual(['Comment', 'se', 'les', 'habitants']);
    // The same verb where it is the topic stays.
    expect(withoutQuestionForms('Qui appelle à la grève ?')).toBe('Qui appelle à la grève ?');
    expect(words(withoutQuestionForms("Comment l'appelle-t-on ?"))).toEqual(['Comment', 'l', 't', 'on']);
    expect(words(withoutQuestionForms('Comment appelle-t-on ce sport ?'))).toEqual(['Comment', 't', 'on', 'ce', 'sport']);
  });

  it('blanks the locative verb of a question asking where, and not the same verb asking anything else', () => {
    expect(words(withoutQuestionForms("Où se trouve l'EMCO ?"))).toEqual(['Où', 'se', 'l', 'EMCO']);
    expect(words(withoutQuestionForms('où se situaient les camps ?'))).toEqual(['où', 'se', 'les', 'camps']);
    expect(words(withoutQuestionForms("Ou s'est trouvée la voiture ?"))).toContain('trouvée');
    expect(words(withoutQuestionForms('Où est située la prison ?'))).toEqual(['Où', 'est', 'la', 'prison']);
    expect(words(withoutQuestionForms('Where is the new prosecutor’s office located?'))).not.toContain('located');
    // Found, not located: the verb is the topic.
    expect(withoutQuestionForms("Où a-t-on trouvé l'arme ?")).toBe("Où a-t-on trouvé l'arme ?");
    expect(withoutQuestionForms('Comment se trouve-t-il ?')).toBe('Comment se trouve-t-il ?');
    expect(withoutQuestionForms('Qui a situé le problème ?')).toBe('Qui a situé le problème ?');
  });

  it('blanks the verb of a question asking what something is for, does or means, and not the same verb elsewhere', () => {
    expect(words(withoutQuestionForms("À quoi sert l'EMCO ?"))).toEqual(['À', 'quoi', 'l', 'EMCO']);
    expect(words(withoutQuestionForms('A quoi servent les scanners ?'))).toEqual(['A', 'quoi', 'les', 'scanners']);
    expect(words(withoutQuestionForms("Que fait l'EMCO ?"))).toEqual(['Que', 'l', 'EMCO']);
    expect(words(withoutQuestionForms("Qu'a fait le ministre ?"))).toEqual(['Qu', 'a', 'le', 'ministre']);
    expect(words(withoutQuestionForms('Que signifie EMCO ?'))).toEqual(['Que', 'EMCO']);
    expect(words(withoutQuestionForms('Que veut dire Pnaco ?'))).toEqual(['Que', 'Pnaco']);
    expect(withoutQuestionForms('Qui sert le repas ?')).toBe('Qui sert le repas ?');
    expect(withoutQuestionForms('Quel fait nouveau a été révélé ?')).toBe('Quel fait nouveau a été révélé ?');
    expect(withoutQuestionForms('Qui a dit cela ?')).toBe('Qui a dit cela ?');
    expect(words(withoutQuestionForms('De quoi les participants vont-ils discuter ?'))).toEqual(['De', 'quoi', 'les', 'participants', 'vont', 'ils']);
    expect(words(withoutQuestionForms('De quoi parle son livre ?'))).toEqual(['De', 'quoi', 'son', 'livre']);
    expect(withoutQuestionForms('Qui parle de la réforme ?')).toBe('Qui parle de la réforme ?');
  });
});

describe('a text read in two term contexts', () => {
  const defining = {
    pnaco: 'Le Parquet national anticriminalité organisée (Pnaco) a été installé le 5 janvier.',
    emco: 'Il a inauguré l’État-major interministériel de lutte contre la criminalité organisée (EMCO).',
    pnf: 'Le Parquet national financier (PNF) poursuit la fraude fiscale.',
    pnfOther: 'Le Pôle national de la fraude (PNF) est une autre affaire.',
  };
  const texts = [
    ...Object.values(defining),
    'Le parquet national anticriminalité organisée suit les dossiers des réseaux.',
    'L’état-major interministériel de lutte contre la criminalité organisée regroupe douze services.',
    'Le parquet national financier et le parquet national anticriminalité organisée se partagent les affaires.',
    'Le pôle national de la fraude ne dit rien de plus.',
    'Une phrase sans sigle ni forme longue.',
  ];
  const corpora = {
    seed: [defining.pnaco, defining.emco],
    added: [defining.pnaco, defining.emco, defining.pnf],
    addedFirst: [defining.pnf, defining.pnaco, defining.emco],
    reordered: [defining.emco, defining.pnaco],
    redefined: [defining.pnaco, defining.emco, defining.pnfOther],
    none: ['Rien à définir ici.'],
  };
  it('reads alike exactly when both contexts expand it to the same text, whatever was added, removed, redefined or reordered', () => {
    const contexts = Object.values(corpora).map((corpus) => PARAGRAPH_TERMS.context(corpus));
    let alike = 0;
    let apart = 0;
    for (const before of contexts) {
      for (const context of contexts) {
        const readsAlike = PARAGRAPH_TERMS.expandsAlike(before, context);
        for (const text of texts) {
          const same = PARAGRAPH_TERMS.expanded(text, before) === PARAGRAPH_TERMS.expanded(text, context);
          expect(readsAlike(text), `${JSON.stringify(before)} → ${JSON.stringify(context)}: ${text}`).toBe(same);
          (same ? alike++ : apart++);
        }
      }
    }
    // Both outcomes met, many times over.
    expect(Math.min(alike, apart)).toBeGreaterThan(30);
  });
});
