/**
 * How the lexical ranking reads a paragraph: its text followed by the
 * acronyms whose long form it writes out (stages/4-query/glossary.ts), then
 * its content stems. The in-memory BM25 (lexical-index.ts) and a store that
 * ranks in SQL read paragraphs through this one reading, so that both give
 * the same scores.
 */
import { createHash } from 'node:crypto';
import type { ParagraphTerms, TermContext } from '../../contracts/shared-index.ts';
import { fold } from '../../text/fold.ts';
import { contentStems, stopWords } from '../../text/words.ts';
import { extractGlossary, foldLongForms, withAcronyms, type Glossary } from '../4-query/glossary.ts';
import { articleStemsOf } from './chunk-terms.ts';

/** Bumped by hand when stemming changes in a way the stop words do not show. */
const STEMMING_VERSION = 1;

/** Folded long forms of a context's glossary, remembered for the last few contexts (one per build, in practice). */
const longFormsOf = new WeakMap<TermContext, { glossary: Glossary; longForms: Map<string, string> }>();

function glossaryOf(context: TermContext) {
  let known = longFormsOf.get(context);
  if (!known) {
    const glossary = new Map(context.map(([acronym, longForm]) => [acronym, longForm]));
    known = { glossary, longForms: foldLongForms(glossary) };
    longFormsOf.set(context, known);
  }
  return known;
}

export const PARAGRAPH_TERMS: ParagraphTerms = {
  version: `${STEMMING_VERSION}:${createHash('sha256').update([...stopWords()].sort().join(' ')).digest('hex').slice(0, 12)}`,
  context: (texts) => [...extractGlossary(texts)],
  expanded: (text, context) => {
    const { glossary, longForms } = glossaryOf(context);
    return withAcronyms(text, glossary, longForms);
  },
  expandsAlike: (before, context) => {
    const [was, now] = [glossaryOf(before).longForms, glossaryOf(context).longForms];
    const sharedOf = (one: Map<string, string>, other: Map<string, string>) => [...one.keys()].filter((acronym) => other.get(acronym) === one.get(acronym));
    const [sharedWas, sharedNow] = [sharedOf(was, now), sharedOf(now, was)];
    // The acronyms a text names are its glossary's, in the glossary's order. When the acronyms both contexts define alike
    // stand in the same order in both, a text reads alike unless it writes out a long form only one of them defines.
    if (sharedWas.some((acronym, i) => acronym !== sharedNow[i])) return (text) => PARAGRAPH_TERMS.expanded(text, before) === PARAGRAPH_TERMS.expanded(text, context);
    const differing = [...new Set([...was, ...now].flatMap(([acronym, longForm]) => (was.get(acronym) === now.get(acronym) ? [] : [longForm])))];
    if (differing.length === 0) return () => true;
    return (text) => {
      const folded = fold(text);
      return !differing.some((longForm) => folded.includes(longForm));
    };
  },
  stems: contentStems,
  article: articleStemsOf,
};

/** The glossary of a term context, for question analysis. */
export function contextGlossary(context: TermContext): Glossary {
  return glossaryOf(context).glossary;
}
