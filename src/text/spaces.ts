/**
 * White space as a document lays it out: runs of spaces, tabs and line
 * breaks are one space, and none at either end; a non-breaking space is kept
 * as written, since it is part of the text a quote must reproduce
 * (`String.prototype.trim` and `\s` would take it).
 */
export const collapseSpaces = (text: string) => text.replace(/[ \t\r\n\f]+/g, ' ').replace(/^ | $/g, '');
