/**
 * A document records the version of the reading that read it
 * (`readingVersion` in corpus.ts: the cleaner's and its format reader's),
 * which tells an ingest that the files it took from the previous build,
 * unchanged, would now read differently. This test fails when the reading
 * of its files changes and their version did not, so that a change to a
 * reader or to the cleaner is not left out of indexes already built.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/apps/config.ts';
import { readDocument, readingVersion } from '../src/stages/1-ingest/corpus.ts';
import { groupBy } from '../src/shared/group-by.ts';

/**
 * The fingerprint of the reading of the files below, by format and reading
 * version. When this test fails on a change that meant to read some file
 * differently: raise the version it names (CLEANER_VERSION in clean.ts when
 * every format moved, else the format's in formats.ts) and record the
 * fingerprints it prints.
 */
const FINGERPRINTS: Record<string, string> = {
  '.doc 1.3': '845510b3591fb2b07d7cfd9060934563c06cb9bf75ba41fc1aab9eeda4f5c59d',
  '.docx 1.2': 'dfe9c012e132d1581262cf99b44e6db7daa78872da5a1b3baf1fd57113a50c3c',
  '.eml 1.3': 'e997774ae60ed463fed1ff92e32b48adaf082ee7b5aeb015bf6d400d702acdc0',
  '.fodt 1.1': 'bfd92ff0e0122ec876bddb68ee263aada378cd6781dae30a1b6d46f799d11a06',
  '.html 1.3': '87d0557b7b9aae9db3a61a7d53ec42068b4dc22c51a691728927613af7c57c79',
  '.md 1.2': 'ae4e8938ec8e0bb8f3a04ae2fad1aed86fb9e783160c61ea941e2d12fbd49c65',
  '.mhtml 1.3': 'a2122b92768583ca565f2db643063c532f030358698b08cb9182b48eee3abc1c',
  '.odt 1.1': '12e0c0cde75c7b5a3d3260a2e1077cd8ad45cb4ae34a2cec2a172ba73735007f',
  '.pdf 1.3': '943d8ef2d659e28fb8d3b46faa61a4acd9e416a09a3546ba4d4f1d3320951418',
  '.rtf 1.1': 'bc78cffbaf3a2a246f941ad4925a43f3f6e42a67e822235c1757aa19d818cca0',
  '.txt 1.1': '34b8922bf26b1975f3ded748e85de471249ce7fe914ede0f1184367cd1bf3cea',
};

/** Raw news pages with their clutter (the two seed articles, not whatever else `corpus/` holds) and one article in each format a word processor writes. */
async function readingFiles(): Promise<string[]> {
  const formats = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'formats');
  const seeds = ['000_204cd760b12bbebc.txt', '002_9a0fa612789b1bfe.txt'].map((file) => path.join(PROJECT_ROOT, 'corpus', file));
  return [...seeds, ...(await readdir(formats)).sort().map((file) => path.join(formats, file))];
}

/** Each format's fingerprint, named by the format and the version its files are read with. */
async function readingFingerprints(): Promise<Record<string, string>> {
  const byFormat = groupBy(await readingFiles(), (file) => `${path.extname(file)} ${readingVersion(file)}`);
  const fingerprints: Record<string, string> = {};
  for (const [key, files] of byFormat) {
    const hash = createHash('sha256');
    for (const file of files) {
      const { document: doc } = await readDocument(path.basename(file), await readFile(file));
      hash.update(JSON.stringify([doc.file, doc.title, doc.titleSource, doc.paragraphs.map((p) => [p.kind, p.text])]));
    }
    fingerprints[key] = hash.digest('hex');
  }
  return fingerprints;
}

describe('the reading version', () => {
  it('changes whenever the reading of a file does', async () => {
    const fingerprints = await readingFingerprints();
    const record = JSON.stringify(fingerprints, null, 2);
    expect(Object.keys(fingerprints).sort(), `no fingerprint recorded for these versions: record ${record}`).toEqual(Object.keys(FINGERPRINTS).sort());
    expect(fingerprints, `these files now read differently than their version says: raise it and record ${record}`).toEqual(FINGERPRINTS);
  });
});
