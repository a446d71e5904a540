/** A word processor's document read as its blocks: the cleaner's lines (headings marked `## `) and the title its metadata gives ('' when none). */
export interface DocumentLines {
  lines: string[];
  title: string;
}
