/** Markdown files in the corpus folder, read as a Markdown reader shows them: GitHub's flavour, tables and footnotes included. */
import { describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { expectQuotedAs, readFixture, SAISIE } from './support/formats.ts';

const read = async (markdown: string) => cleanArticle((await readArticle('article.md', Buffer.from(markdown))).text);

/** The article as Markdown, its paragraphs hard-wrapped at 72 columns as editors wrap them. */
function asMarkdown(document: ArticleDocument): Uint8Array {
  const wrapped = (text: string) => text.replace(/(.{1,72})(?: |$)/g, '$1\n').trim();
  const blocks = document.paragraphs.map((p) => (p.kind === 'heading' ? `## ${p.text}` : wrapped(p.text)));
  return Buffer.from([`# ${document.title}`, ...blocks].join('\n\n'));
}

describe('an article written in Markdown', () => {
  it('reads the fixture article as its other formats read: list items without markers, a table’s rows with cells apart, the footnote after the text without its call', async () => {
    expect(await readFixture('saisie.md')).toMatchObject(SAISIE);
  });

  it('joins a paragraph’s hard-wrapped lines, keeps the words of links and emphasis, and leaves images and code marks out', async () => {
    const article = await read(
      '# Saisie au port\n\nLes douaniers du Havre ont saisi\n**dix tonnes** de cocaïne, selon\nle [ministère](https://example.org).\n\n![Un conteneur](conteneur.jpg)\n\n1. La drogue venait d’`Équateur`.\n2. Elle a été *détruite*.\n',
    );
    expect(article.title).toBe('Saisie au port');
    expect(article.paragraphs).toEqual([
      { kind: 'paragraph', text: 'Les douaniers du Havre ont saisi dix tonnes de cocaïne, selon le ministère.' },
      { kind: 'paragraph', text: 'La drogue venait d’Équateur.' },
      { kind: 'paragraph', text: 'Elle a été détruite.' },
    ]);
  });

  it('tells a Markdown file without text', async () => {
    await expect(readArticle('vide.md', Buffer.from('![seule une image](photo.jpg)\n\n---\n'))).rejects.toThrow('no text in the Markdown file');
  });

  it('is indexed from the corpus folder and answered from', async () => {
    await expectQuotedAs('.md', asMarkdown);
  });
});
