/**
 * READING_VERSION (corpus.ts) is what tells an ingest that the files it took
 * from the previous build, unchanged, would now read differently. This test
 * fails when the reading of its files changes and the version did not, so
 * that a change to a reader or the cleaner is not left out of indexes
 * already built.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { readDocument, READING_VERSION } from '../src/stages/1-ingest/corpus.ts';

/**
 * The fingerprint of the reading of the files below, by reading version.
 * When this test fails on a change that meant to read some file
 * differently: raise READING_VERSION and record the fingerprint it prints.
 */
const FINGERPRINTS: Record<number, string> = {
  1: '64b492b36ab0c8ef27792a4722b602df3776c0919f0753eff696a542d80b4c4e',
};

/** Raw news pages with their clutter (the two seed articles, not whatever else `corpus/` holds) and one article in each format a word processor writes. */
async function readingFiles(): Promise<string[]> {
  const formats = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'formats');
  const seeds = ['000_204cd760b12bbebc.txt', '002_9a0fa612789b1bfe.txt'].map((file) => path.join(PROJECT_ROOT, 'corpus', file));
  return [...seeds, ...(await readdir(formats)).sort().map((file) => path.join(formats, file))];
}

async function readingFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await readingFiles()) {
    const { document: doc } = await readDocument(path.basename(file), await readFile(file));
    hash.update(JSON.stringify([doc.file, doc.title, doc.titleSource, doc.paragraphs.map((p) => [p.kind, p.text])]));
  }
  return hash.digest('hex');
}

describe('the reading version', () => {
  it('changes whenever the reading of a file does', async () => {
    const fingerprint = await readingFingerprint();
    const recorded = FINGERPRINTS[READING_VERSION];
    expect(recorded, `no fingerprint recorded for READING_VERSION ${READING_VERSION}: record '${fingerprint}'`).toBeTruthy();
    expect(fingerprint, `these files now read differently than when READING_VERSION was ${READING_VERSION}: raise it (corpus.ts) and record '${fingerprint}'`).toBe(recorded);
  });
});
