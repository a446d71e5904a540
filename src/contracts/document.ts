/** An article as the pipeline speaks of it once cleaned, and the units it is cut into. */

export type ParagraphKind = 'paragraph' | 'heading';

export interface DocumentParagraph {
  /** 1-based position among the cleaned document's paragraphs and headings. */
  number: number;
  kind: ParagraphKind;
  text: string;
  /** Offsets in the cleaned document's `text`. */
  start: number;
  end: number;
}

export interface ArticleDocument {
  id: string;
  file: string;
  title: string;
  /** Whether the title is the article's own headline or was taken from its first sentence. */
  titleSource: 'headline' | 'first-sentence';
  /** Hash of the raw file (its decoded text). Whether the article changed is told by its cleaned text (`sameArticle`). */
  hash: string;
  /**
   * The file's size and modification time when it was read, and the version
   * of ancre's reading that read it (its cleaner's and its format reader's,
   * `cleaner.reader`): while all three are the same, an ingest takes the
   * document from the previous build rather than read and clean the file
   * again (as rsync and make judge a file). A document read before versions
   * were recorded has none.
   */
  source?: { size: number; modifiedMs: number; reading?: string };
  /** The cleaned document: paragraphs separated by blank lines. */
  text: string;
  paragraphs: DocumentParagraph[];
}

/** A unit that is embedded and retrieved: a paragraph, or a part of a long one. */
export interface Chunk {
  /** `doc#paragraph` or `doc#paragraph.part` for a long paragraph's later parts. */
  id: string;
  doc: string;
  title: string;
  paragraph: number;
  part: number;
  /** The section heading the paragraph sits under, if any. */
  section: string | null;
  text: string;
  /** Offsets in the cleaned document. */
  start: number;
  end: number;
  /** Where the chunk starts inside its paragraph (0 unless the paragraph was split). */
  paragraphOffset: number;
}

/** A sentence cut from a text, with its offsets there, so it can be quoted verbatim. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** A file of the corpus that could not be read as an article, and why. */
export interface CorpusFailure {
  file: string;
  reason: string;
  /** The document id the file would have had, when it has one. */
  doc?: string;
}

/** A file of the corpus read with something to say about it (an older encoding), or left unread (a format ancre does not read). */
export interface CorpusNotice {
  file: string;
  kind: 'encoding' | 'unsupported';
  message: string;
}
