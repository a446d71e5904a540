// Packages that ship no type declarations of their own.
declare module 'snowball-stemmers' {
  export interface Stemmer { stem(word: string): string }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}
declare module 'stopword' {
  export const fra: string[];
  export const eng: string[];
}

/** word-extractor 1.0.4 (its DefinitelyTyped types predate the options each getter takes). */
declare module 'word-extractor' {
  interface TextOptions {
    /** true (the default) turns typographic quotes, apostrophes and dashes into ASCII. */
    filterUnicode?: boolean;
  }
  interface WordDocument {
    getBody(options?: TextOptions): string;
    getFootnotes(options?: TextOptions): string;
    getEndnotes(options?: TextOptions): string;
    getAnnotations(options?: TextOptions): string;
    getHeaders(options?: TextOptions & { includeFooters?: boolean }): string;
    getFooters(options?: TextOptions): string;
    getTextboxes(options?: TextOptions & { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
}
