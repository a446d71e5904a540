import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { chunkDocument } from '../src/stages/1-ingest/chunk.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { assembleDocument, documentIdFromPath } from '../src/stages/1-ingest/document.ts';

function seedDocument(file: string) {
  const raw = readFileSync(path.join(PROJECT_ROOT, 'corpus', file), 'utf8');
  return assembleDocument(documentIdFromPath(file), file, raw, cleanArticle(raw));
}

describe('chunkDocument', () => {
  it('makes one chunk per paragraph, numbered as the reader sees them, headings excluded', () => {
    const doc = seedDocument('002_9a0fa612789b1bfe.txt');
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.paragraph)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(chunks.map((c) => c.id)).toEqual([1, 2, 3, 4, 6, 7].map((n) => `002_9a0fa612789b1bfe#${n}`));
    expect(chunks[4]!.section).toBe('Un outil prometteur');
    expect(chunks[0]!.section).toBeNull();
    expect(new Set(chunks.map((c) => c.title))).toEqual(new Set([doc.title]));
  });

  it('records offsets that cut each chunk out of the cleaned document', () => {
    for (const file of ['000_204cd760b12bbebc.txt', '002_9a0fa612789b1bfe.txt']) {
      const doc = seedDocument(file);
      for (const chunk of chunkDocument(doc)) {
        expect(doc.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
        expect(doc.paragraphs[chunk.paragraph - 1]!.text).toBe(chunk.text);
      }
    }
  });

  it('splits a long paragraph at sentence boundaries and keeps its number', () => {
    const sentence = 'Les enquêteurs ont suivi le réseau pendant des mois avant de procéder aux interpellations. ';
    const long = sentence.repeat(30).trim();
    const raw = `Titre\n\nPremier paragraphe court.\n\n${long}`;
    const doc = assembleDocument('long', 'long.txt', raw, cleanArticle(raw));
    const chunks = chunkDocument(doc, 500);
    const parts = chunks.filter((c) => c.paragraph === 2);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(500);
      expect(part.text.endsWith('.')).toBe(true);
      expect(doc.text.slice(part.start, part.end)).toBe(part.text);
      expect(long.slice(part.paragraphOffset, part.paragraphOffset + part.text.length)).toBe(part.text);
    }
  });

  it('shows a wall of text without sentence punctuation as paragraphs a reader can take in', () => {
    const runOn = Array.from({ length: 20000 }, (_, i) => ['trafic', 'port', 'douane', 'saisie'][i % 4]).join(' ');
    const raw = `Titre\n\nPremier paragraphe court.\n\n${runOn}\n\nUn dernier paragraphe.`;
    const doc = assembleDocument('run-on', 'run-on.txt', raw, cleanArticle(raw));
    expect(doc.paragraphs.length).toBeGreaterThan(50);
    expect(doc.paragraphs.map((p) => p.number)).toEqual(doc.paragraphs.map((_, i) => i + 1));
    expect(doc.paragraphs.at(-1)!.text).toBe('Un dernier paragraphe.');
    // Every word is kept, in order; only the breaks between the pieces are new.
    expect(doc.paragraphs.slice(1, -1).map((p) => p.text).join(' ')).toBe(runOn);
    const chunks = chunkDocument(doc);
    expect(chunks).toHaveLength(doc.paragraphs.length);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1500);
      expect(doc.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
  });

  it('derives stable, URL-safe ids from paths in the corpus folder', () => {
    expect(documentIdFromPath('000_204cd760b12bbebc.txt')).toBe('000_204cd760b12bbebc');
    expect(documentIdFromPath('Saisie au Havre (2025).md')).toBe('Saisie-au-Havre-2025');
    expect(documentIdFromPath('2025/05/Saisie au Havre.txt')).toBe('2025-05-Saisie-au-Havre');
    expect(documentIdFromPath('../../etc/passwd')).toBe('etc-passwd');
  });
});
