/**
 * A question asked in a conversation. The server keeps no state: the client
 * sends the earlier turns with their citations, and each question is read
 * with them only when it leans on them (stages/4-query/follow-up.ts).
 *
 * A follow-up is answered, in order of preference, from the paragraphs
 * around those the conversation cited, from the rest of the cited articles
 * (there, its own words pick the paragraph: the context is given), then
 * from the whole corpus as the question it stands for (its words plus
 * those it leans on), each time only when the answer passes the usual
 * abstention. When neither answers it, it is read
 * alone; a question that leaned on the conversation and is answered
 * elsewhere must then hold every one of its own terms: a topic switch
 * ("Et quel temps fera-t-il demain à Lyon ?") half matched by some
 * paragraph is declined, not answered. History never forces an answer.
 */
import type { AskResult, ConversationTurn } from '../contracts/api.ts';
import type { AnalyzedQuestion } from '../contracts/query.ts';
import type { DocumentFilter } from '../contracts/retrieval.ts';
import { CORPUS_LANGUAGE } from '../lang/index.ts';
import { followUpCue, resolveFollowUp, type Resolution } from '../stages/4-query/follow-up.ts';
import { mentionsTerm } from '../stages/4-query/question.ts';
import { contentStems } from '../text/words.ts';
import { filterEcho, type AskOptions } from './ask-options.ts';

/** What a conversation needs of the engine. */
export interface ConversationEngine {
  analyze(text: string): Promise<AnalyzedQuestion>;
  answer(question: AnalyzedQuestion, embedText: string, options: AskOptions): Promise<AskResult>;
}

export async function askInConversation(
  engine: ConversationEngine,
  text: string,
  options: AskOptions,
  history: readonly ConversationTurn[],
): Promise<AskResult> {
  const single = { topK: options.topK, mode: options.mode, filter: options.filter };
  const question = await engine.analyze(text);
  const alone = async () => ({ ...(await engine.answer(question, text, single)), resolvedWith: null });
  if (followUpCue(question) === null) return alone();
  const earlier = await Promise.all(history.map(async (turn) => ({ question: await engine.analyze(turn.question), citations: turn.citations ?? [] })));
  const resolution = resolveFollowUp(question, earlier);
  if (!resolution) return alone();

  // Within the cited articles the context is given: the follow-up's own words decide which paragraph answers.
  // Words the corpus does not know count too: "Et quel temps fera-t-il demain à Lyon ?" asks about them, not about the earlier turn.
  const ownWords = question.terms.some((term) => !term.namesAnswerType);
  const scopes: { scope: Scope; asked: AnalyzedQuestion; embedText: string; filter: DocumentFilter | undefined }[] = [];
  const cited = citedFilter(resolution.citedDocs, options.filter);
  const inContext = ownWords ? { asked: question, embedText: text } : resolved(resolution);
  if (cited) {
    scopes.push({ scope: 'nearby', ...inContext, filter: { ...cited, paragraphs: neighbourhoods(resolution.cited) } });
    scopes.push({ scope: 'cited', ...inContext, filter: cited });
  }
  scopes.push({ scope: 'corpus', ...resolved(resolution), filter: options.filter });
  for (const { scope, asked, embedText, filter } of scopes) {
    const result = await engine.answer(asked, embedText, { ...single, filter });
    if (result.answerable && (scope !== 'corpus' || citesEveryOwnTerm(question, result))) {
      // The caller's filter, not the conversation's narrowing of it, is what the response reports.
      const { filter: _narrowed, ...rest } = result;
      return { ...rest, ...filterEcho(options.filter), resolvedWith: { turn: resolution.turn, terms: resolution.terms, scope } };
    }
  }
  const result = await alone();
  return result.answerable && result.evidence.coverage < 1 ? declined(result) : result;
}

type Scope = NonNullable<AskResult['resolvedWith']>['scope'];

/** Paragraphs either side of a cited one that count as its neighbourhood: a follow-up about what an answer named is most often answered next to it. */
const NEIGHBOURHOOD = 2;

const neighbourhoods = (cited: Resolution['cited']) =>
  cited.map(({ doc, paragraph }) => ({ doc, from: paragraph - NEIGHBOURHOOD, to: paragraph + NEIGHBOURHOOD }));

const resolved = (resolution: Resolution) => ({ asked: resolution.question, embedText: resolution.context });

/**
 * Whether the first cited paragraph holds each of the follow-up's own words
 * (those that only name the kind of answer aside). Outside the articles the
 * conversation cited, the borrowed words alone make no answer: what the
 * follow-up adds is what it asks about.
 */
function citesEveryOwnTerm(question: AnalyzedQuestion, result: AskResult): boolean {
  const first = result.citations[0];
  if (!first) return false;
  const stems = new Set(contentStems(`${first.title}\n${first.text}`));
  return question.terms.every((term) => term.namesAnswerType || mentionsTerm(term, stems));
}

/** The cited articles the caller's filter allows, as a filter; null when none. */
function citedFilter(citedDocs: readonly string[], filter: DocumentFilter | undefined): DocumentFilter | null {
  const allowed = citedDocs.filter((doc) => (!filter?.include || filter.include.includes(doc)) && !filter?.exclude?.includes(doc));
  return allowed.length ? { include: allowed } : null;
}

function declined(result: AskResult): AskResult {
  return { ...result, answer: CORPUS_LANGUAGE.messages.noAnswer, answerable: false, citations: [] };
}
