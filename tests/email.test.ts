/** E-mails (.eml) in the corpus folder: a press release as Thunderbird and Outlook save one, forwarded, replied to, signed. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../src/contracts/document.ts';
import { cleanArticle } from '../src/stages/1-ingest/clean.ts';
import { readCorpus } from '../src/stages/1-ingest/corpus.ts';
import { emailBodyText } from '../src/stages/1-ingest/email-text.ts';
import { readArticle } from '../src/stages/1-ingest/formats.ts';
import { scratchCorpus, seedDocuments } from './support/corpus.ts';
import { expectQuotedAs, readFixture, SAISIE } from './support/formats.ts';
import { escapeMarkup } from './support/markup.ts';

/** A message laid out as MIME wants: lines joined by CRLF, one byte a character. */
const message = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');
/** Bytes as quoted-printable writes them: past ASCII and `=` as `=XX`, lines soft-broken at 76. */
const quotedPrintable = (bytes: Buffer) =>
  bytes
    .toString('latin1')
    .replace(/[=\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .split('\n')
    .map((line) => line.match(/.{1,75}(?=.)|.+$/g)?.join('=\r\n') ?? '')
    .join('\r\n');
/** French text in Windows-1252, as Outlook sends it: Latin-1's letters, and the typographic apostrophe at 0x92. */
const windows1252 = (text: string) => Buffer.from(text.replace(/\u2019/g, '\x92'), 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

const PARAGRAPHS = [
  'Les agents des douanes du Havre ont saisi dix tonnes de cocaïne dissimulées dans des conteneurs de bananes en provenance d’Équateur, a annoncé mardi le ministère chargé des comptes publics.',
  'Il s’agit de la plus importante saisie réalisée cette année sur la façade atlantique. La drogue, d’une valeur estimée à plusieurs centaines de millions d’euros à la revente, a été détruite sous contrôle judiciaire.',
  'L’enquête a été confiée à l’Office anti-stupéfiants, qui cherche à remonter la filière jusqu’aux commanditaires. Trois dockers ont été interpellés et placés en garde à vue.',
];

/** Thunderbird's layout: a plain-text alternative sent flowed, then the HTML one, both quoted-printable. */
function thunderbirdMail(subject: string, html: string, text: string): Buffer {
  return message(
    'From: Service de presse <presse@douane.example>',
    'To: redaction@quotidien.example',
    `Subject: ${subject}`,
    'Date: Tue, 3 Jun 2025 10:12:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative;',
    ' boundary="------------alt0123"',
    '',
    'This is a multi-part message in MIME format.',
    '--------------alt0123',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(utf8(text)),
    '--------------alt0123',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(utf8(html)),
    '--------------alt0123--',
  );
}

const htmlOf = (paragraphs: readonly string[]) => `<html><body>${paragraphs.map((p) => `<p>${escapeMarkup(p)}</p>`).join('')}</body></html>`;
const asEmail = (document: ArticleDocument) =>
  thunderbirdMail(`=?UTF-8?B?${Buffer.from(document.title).toString('base64')}?=`, htmlOf(document.paragraphs.map((p) => p.text)), '');

describe('an article sent as an e-mail', () => {
  it('reads the HTML body as a page, under the subject, its reply and forward markers and encoded words undone', async () => {
    const mail = thunderbirdMail('=?UTF-8?Q?TR_:_Fwd:_Saisie_record_de_coca=C3=AFne?= =?UTF-8?Q?_au_Havre?=', htmlOf(PARAGRAPHS), PARAGRAPHS.join('\n\n'));
    const article = cleanArticle((await readArticle('saisie.eml', mail)).text);
    expect(article.title).toBe('Saisie record de cocaïne au Havre');
    expect(article.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
  });

  it('reads a plain-text mail as Outlook forwards one: in its charset, without the banner, the quoted headers, the reply’s quotes and the signature', async () => {
    const body = [
      'Pour information, ci-dessous.',
      '> Merci de relayer.',
      '',
      "-----Message d'origine-----",
      'De : Service de presse <presse@douane.example>',
      'Envoyé : mardi 3 juin 2025 10:12',
      'À : Rédaction',
      'Objet : Saisie record au Havre',
      '',
      ...PARAGRAPHS.flatMap((p) => [p, '']),
      '-- ',
      'Marie Dupont',
      'Rédaction web',
    ].join('\n');
    const mail = message(
      'From: =?windows-1252?Q?Marie_Dupont?= <marie@quotidien.example>',
      'Subject: =?windows-1252?Q?RE=A0: TR : Saisie record au Havre?=',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="windows-1252"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(windows1252(body)),
    );
    const article = cleanArticle((await readArticle('saisie.eml', mail)).text);
    expect(article.title).toBe('Saisie record au Havre');
    expect(article.paragraphs.map((p) => p.text)).toEqual(['Pour information, ci-dessous.', ...PARAGRAPHS]);
  });

  it('joins the lines of flowed text (a line ending in a space goes on), keeps a fixed one, and unstuffs a leading space', () => {
    const flowed = ['Les agents des douanes du Havre ont saisi dix ', 'tonnes de cocaïne.', '', ' From the port, a second line.', 'Fin.'].join('\r\n');
    expect(emailBodyText(flowed, true)).toBe(['Les agents des douanes du Havre ont saisi dix tonnes de cocaïne.', '', 'From the port, a second line.', 'Fin.'].join('\n'));
    expect(emailBodyText('Une ligne \nen deux.', false)).toBe('Une ligne \nen deux.');
  });

  it('reads the fixture article sent as a mail (LibreOffice’s web page as its HTML body) as its other formats read', async () => {
    expect(await readFixture('saisie.eml')).toMatchObject(SAISIE);
  });

  it('is indexed from the corpus folder and answered from', () => expectQuotedAs('.eml', asEmail));

  it('tells a mail with only attachments and a file that is no mail, and reads the other files', async () => {
    const dirs = await scratchCorpus();
    const attachmentOnly = message(
      'Subject: Communiqué',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: application/pdf; name="communique.pdf"',
      'Content-Disposition: attachment; filename="communique.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--m--',
    );
    await writeFile(path.join(dirs.corpusDir, 'piece-jointe.eml'), attachmentOnly);
    await writeFile(path.join(dirs.corpusDir, 'texte.eml'), 'Un texte sans en-têtes.\n\nEt sa suite.');
    const corpus = await readCorpus(dirs.corpusDir);
    expect(corpus.documents.map((d) => d.id).sort()).toEqual((await seedDocuments()).map((d) => d.id).sort());
    expect(corpus.failures).toEqual([
      { file: 'piece-jointe.eml', doc: 'piece-jointe', reason: 'no text in the e-mail (only attachments)' },
      { file: 'texte.eml', doc: 'texte', reason: 'not an e-mail message (no headers)' },
    ]);
  });
});
