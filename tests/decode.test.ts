import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/stages/1-ingest/decode.ts';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('reading a file in whatever encoding it was saved in', () => {
  it('reads UTF-8 as it is, its byte-order mark dropped, and says nothing', () => {
    expect(decodeText(Buffer.from('\ufeffLa saisie a eu lieu à Marseille.', 'utf8'), false)).toEqual({ text: 'La saisie a eu lieu à Marseille.', encoding: null });
  });

  it('reads UTF-16 in either byte order by its byte-order mark', () => {
    const text = 'Une dépêche enregistrée en UTF-16.';
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.from(little.subarray(2)).swap16();
    expect(decodeText(little, false)).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), big]), false)).toEqual({ text, encoding: 'UTF-16BE' });
  });

  it('reads other bytes as Windows-1252, or as the charset an HTML page declares', () => {
    // 0x80 is the euro sign in Windows-1252; 0xA4 is it in ISO-8859-15.
    expect(decodeText(latin1('Un co\xfbt de 2 \x80.'), false)).toEqual({ text: 'Un coût de 2 €.', encoding: 'windows-1252' });
    expect(decodeText(latin1('L\x92\x9cuvre \x96 \x93vraiment\x94'), false).text).toBe('L’œuvre – “vraiment”');
    expect(decodeText(latin1('<meta charset="iso-8859-1"><p>l\x92\xe9t\xe9</p>'), true).text).toContain('l’été');
    const page = (charset: string) => latin1(`<html><head><meta charset="${charset}"></head><body><p>2 \xa4 le gramme</p></body></html>`);
    expect(decodeText(page('iso-8859-15'), true)).toMatchObject({ encoding: 'iso-8859-15' });
    expect(decodeText(page('iso-8859-15'), true).text).toContain('2 € le gramme');
    // A declared charset the bytes contradict (UTF-8) or that nobody knows is passed over for Windows-1252.
    expect(decodeText(page('utf-8'), true).encoding).toBe('windows-1252');
    expect(decodeText(page('x-no-such-charset'), true).encoding).toBe('windows-1252');
    // A text file's "charset" is not looked for.
    expect(decodeText(page('iso-8859-15'), false).encoding).toBe('windows-1252');
  });

  it('refuses an empty file and a binary one, saying which', () => {
    expect(() => decodeText(new Uint8Array(0), false)).toThrow('empty file');
    expect(() => decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), false)).toThrow(/binary file/);
  });
});
