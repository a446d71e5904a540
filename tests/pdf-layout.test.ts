import { describe, expect, it } from 'vitest';
import { pdfArticleLayout, type PdfLine } from '../src/stages/1-ingest/pdf-layout.ts';

/** Lines set as a typesetter would: from `y` down, `step` apart, in a column from `x` to `right`; a line's `right` is its own width's end. */
function lines(texts: readonly string[], { x = 50, right = 500, y = 700, step = 14, size = 10, last = 0.5 } = {}): PdfLine[] {
  return texts.map((text, i) => ({ text, x, y: y - i * step, size, right: i === texts.length - 1 ? x + (right - x) * last : right }));
}

/** Paragraphs with a blank line's gap between them, from the top of a page down. */
function page(paragraphs: readonly (readonly string[])[], options: Parameters<typeof lines>[1] = {}): PdfLine[] {
  let y = options.y ?? 700;
  return paragraphs.flatMap((texts) => {
    const set = lines(texts, { ...options, y });
    y -= (texts.length + 1) * (options.step ?? 14);
    return set;
  });
}

describe('a PDF page read back as paragraphs', () => {
  it('joins a paragraph’s lines and starts another after a gap wider than the line spacing', () => {
    const text = pdfArticleLayout([page([['La saisie a eu lieu', 'mardi au port.'], ['Six personnes ont', 'été interpellées.']])]);
    expect(text).toBe('La saisie a eu lieu mardi au port.\n\nSix personnes ont été interpellées.');
  });

  it('starts a paragraph after a short line that ends a sentence, or at an indented line, with no gap between', () => {
    const short = [...lines(['La saisie a eu lieu', 'mardi.'], { y: 700 }), ...lines(['Six personnes ont', 'été interpellées.'], { y: 672 })];
    expect(pdfArticleLayout([short])).toBe('La saisie a eu lieu mardi.\n\nSix personnes ont été interpellées.');
    // A full line that ends a sentence, then an indented one.
    const indented = [...lines(['La saisie a eu lieu mardi.'], { y: 700, last: 1 }), ...lines(['Six personnes ont', 'été interpellées.'], { y: 686 }).map((line, i) => (i === 0 ? { ...line, x: 62 } : line))];
    expect(pdfArticleLayout([indented])).toBe('La saisie a eu lieu mardi.\n\nSix personnes ont été interpellées.');
    // A short line that ends no sentence ends no paragraph.
    const open = [...lines(['Les douaniers du Havre', 'ont saisi'], { y: 700 }), ...lines(['quatorze tonnes.'], { y: 672 })];
    expect(pdfArticleLayout([open])).toBe('Les douaniers du Havre ont saisi quatorze tonnes.');
  });

  // Word's bullet in its symbol font reaches a PDF as a private-use character.
  it('reads a list’s items as paragraphs without their bullets, and keeps a dash that opens a line of dialogue', () => {
    const items = page([['La saisie a eu lieu', 'mardi au port.'], ['• Trois dockers ont été', 'interpellés.'], ['\uf0b7 Deux conteneurs restent', 'sous scellés.'], ['◦ Un chien a flairé', 'la drogue.'], ['– Nous poursuivrons, a', 'dit le procureur.']]);
    expect(pdfArticleLayout([items])).toBe('La saisie a eu lieu mardi au port.\n\nTrois dockers ont été interpellés.\n\nDeux conteneurs restent sous scellés.\n\nUn chien a flairé la drogue.\n\n– Nous poursuivrons, a dit le procureur.');
  });

  it('reads larger letters as the headline, and as headings further down', () => {
    const text = pdfArticleLayout([
      [
        ...lines(['Saisie record', 'au Havre'], { y: 760, size: 20, step: 24, last: 1 }),
        ...page([['Les douaniers ont saisi', 'quatorze tonnes.']], { y: 700 }),
        ...lines(['L’enquête'], { y: 640, size: 13 }),
        ...page([['Six personnes ont', 'été interpellées.']], { y: 610 }),
      ],
    ]);
    expect(text).toBe('# Saisie record au Havre\n\nLes douaniers ont saisi quatorze tonnes.\n\n## L’enquête\n\nSix personnes ont été interpellées.');
  });

  it('keeps a headline’s last line that is a year, which a page number is not', () => {
    const text = pdfArticleLayout([[...lines(['Jeux olympiques d’été de', '2016'], { y: 760, size: 20, step: 24, last: 1 }), ...page([['Les épreuves ont eu', 'lieu à Rio.']], { y: 700 })]]);
    expect(text).toBe('# Jeux olympiques d’été de 2016\n\nLes épreuves ont eu lieu à Rio.');
  });

  it('takes the document’s title as the headline when no line is set larger, unless it names a file', () => {
    const body = [page([['Les douaniers ont saisi', 'quatorze tonnes.']])];
    expect(pdfArticleLayout(body, { title: 'Saisie record au Havre' })).toBe('# Saisie record au Havre\n\nLes douaniers ont saisi quatorze tonnes.');
    for (const title of ['Microsoft Word - saisie.docx', 'saisie-havre.pdf', 'https://example.org/saisie', '  ']) expect(pdfArticleLayout(body, { title })).toBe('Les douaniers ont saisi quatorze tonnes.');
  });

  it('gives no text for pages without any, whatever the title', () => {
    expect(pdfArticleLayout([[], []], { title: 'Saisie record au Havre' })).toBe('');
  });

  it('drops what repeats at the top or bottom of the pages, and their numbers', () => {
    const pageOf = (n: number, texts: string[]) => [
      ...lines(['Le Quotidien du Soir — 14 mai 2025'], { y: 800, size: 8, last: 1 }),
      ...page([texts]),
      ...lines([`${n} / 2`], { y: 40, size: 8 }),
    ];
    const first = ['Les douaniers du Havre ont saisi', 'quatorze tonnes de cocaïne.'];
    const second = ['Six personnes ont été interpellées', 'et placées en garde à vue.'];
    const text = pdfArticleLayout([pageOf(1, first), pageOf(2, second)]);
    expect(text).toBe(`${first.join(' ')}\n\n${second.join(' ')}`);
  });

  it('drops a small line set apart in the margin of a one-page PDF, and keeps one near the text', () => {
    const body = page([['Les douaniers ont saisi', 'quatorze tonnes.']]);
    expect(pdfArticleLayout([[...lines(['Le Quotidien du Soir'], { y: 790, size: 8 }), ...body]])).toBe('Les douaniers ont saisi quatorze tonnes.');
    expect(pdfArticleLayout([[...body, ...lines(['Crédit : AFP.'], { y: 672, size: 8 })]])).toBe('Les douaniers ont saisi quatorze tonnes.\n\nCrédit : AFP.');
    // Nor does a line in smaller letters run on from the paragraph above it, sentence ended or not.
    const credit = [...lines(['Les douaniers ont saisi', 'quatorze tonnes'], { last: 1 }), ...lines(['Photo AFP'], { y: 672, size: 8 })];
    expect(pdfArticleLayout([credit])).toBe('Les douaniers ont saisi quatorze tonnes\n\nPhoto AFP');
  });

  it('gives a footnote after the text, without its call, when a line calls it; a small line no line calls stays a footer', () => {
    const text = page([['Les douaniers ont saisi dix tonnes,', 'a annoncé le ministère mardi.'], ['Six personnes ont', 'été interpellées.']]);
    const called = text.map((line, i) => (i === 1 ? { ...line, calls: [{ mark: '1', at: 28 }] } : line));
    const note = lines(['1 Communiqué du ministère de l’Économie', 'du 3 juin.'], { y: 60, size: 8, step: 10 });
    const footer = lines(['Le Quotidien du Soir'], { y: 30, size: 8 });
    expect(pdfArticleLayout([[...called, ...note, ...footer]])).toBe(
      'Les douaniers ont saisi dix tonnes, a annoncé le ministère mardi.\n\nSix personnes ont été interpellées.\n\nCommuniqué du ministère de l’Économie du 3 juin.',
    );
    expect(pdfArticleLayout([[...text, ...note, ...footer]])).toBe('Les douaniers ont saisi dix tonnes, a annoncé le ministère mardi.\n\nSix personnes ont été interpellées.');
    // A raised mark that calls no note on the page is the text's own (an exponent, a note the next page holds): it stays where it stood.
    expect(pdfArticleLayout([[...called, ...footer]]).split('\n\n')[0]).toBe('Les douaniers ont saisi dix tonnes, a annoncé le ministère mardi1.');
  });

  it('tells paragraphs apart in a short article whose paragraph gaps are as many as its line steps', () => {
    // Two two-line paragraphs, then rows of a table, each a line apart from the next: the gaps outnumber the line steps.
    const rows = lines(['Année Tonnes saisies', '2024 53', 'Le procureur tiendra une conférence de presse'], { y: 616, step: 28, last: 1 });
    const text = pdfArticleLayout([[...page([['Les douaniers ont saisi', 'dix tonnes.'], ['Trois dockers ont été', 'interpellés.']]), ...rows, ...lines(['jeudi.'], { y: 546 })]]);
    expect(text.split('\n\n')).toEqual(['Les douaniers ont saisi dix tonnes.', 'Trois dockers ont été interpellés.', 'Année Tonnes saisies', '2024 53', 'Le procureur tiendra une conférence de presse jeudi.']);
  });

  it('carries a paragraph over a page break or into the next column, unless it ended', () => {
    const across = pdfArticleLayout([lines(['Les douaniers ont saisi', 'quatorze tonnes de'], { last: 1 }), lines(['cocaïne au port.', 'Six personnes ont été interpellées.'])]);
    expect(across).toBe('Les douaniers ont saisi quatorze tonnes de cocaïne au port. Six personnes ont été interpellées.');
    // Ending a sentence on a full line is no end of paragraph either.
    const fullLine = pdfArticleLayout([lines(['Les douaniers ont saisi', 'quatorze tonnes.'], { last: 1 }), lines(['Six personnes ont', 'été interpellées.'])]);
    expect(fullLine).toBe('Les douaniers ont saisi quatorze tonnes. Six personnes ont été interpellées.');
    const ended = pdfArticleLayout([lines(['Les douaniers ont saisi', 'quatorze tonnes.']), lines(['Six personnes ont', 'été interpellées.'])]);
    expect(ended).toBe('Les douaniers ont saisi quatorze tonnes.\n\nSix personnes ont été interpellées.');
    const columns = [...lines(['Les douaniers ont saisi', 'quatorze tonnes de'], { x: 50, right: 270, last: 1 }), ...lines(['cocaïne au port.'], { x: 290, right: 510 })];
    expect(pdfArticleLayout([columns])).toBe('Les douaniers ont saisi quatorze tonnes de cocaïne au port.');
  });

  it('takes out the hyphens that cut words at line ends, and keeps those the words have', () => {
    const joined = (first: string, second: string, elsewhere = '') =>
      pdfArticleLayout([[...lines([first, second], { last: 1 }), ...(elsewhere ? lines([elsewhere], { y: 600 }) : [])]]).split('\n\n')[0];
    expect(joined('une meilleure coordi-', 'nation des forces.')).toBe('une meilleure coordination des forces.');
    expect(joined('une meilleure coordi\u00ad', 'nation des forces.')).toBe('une meilleure coordination des forces.');
    expect(joined('cet état-', 'major regroupe douze services.', 'L’état-major est à Nanterre.')).toBe('cet état-major regroupe douze services.');
    expect(joined('entre Bures-sur-Yvette et Gometz-le-', 'Châtel.')).toBe('entre Bures-sur-Yvette et Gometz-le-Châtel.');
    expect(joined('lors de la saison 1962-', '1963 du championnat.')).toBe('lors de la saison 1962-1963 du championnat.');
    expect(joined('à partir du 7-', 'déshydrocholestérol.')).toBe('à partir du 7-déshydrocholestérol.');
    expect(joined('son réseau a été sous-', 'estimé au départ.', 'Il est sous contrôle, estimé à cent hommes.')).toBe('son réseau a été sous-estimé au départ.');
  });

  it('asks the word list when the document does not tell', () => {
    const list = new Set(['sous', 'estimée', 'coordination', 'porte-parole']);
    const read = (first: string, second: string) => pdfArticleLayout([lines([first, second], { last: 1 })], { isWord: (word) => list.has(word) });
    expect(read('son réseau a été sous-', 'estimée.')).toBe('son réseau a été sous-estimée.');
    expect(read('une meilleure coordi-', 'nation.')).toBe('une meilleure coordination.');
    expect(read('selon le porte-', 'parole.')).toBe('selon le porte-parole.');
    expect(read('une saisie record-', 'breaking.')).toBe('une saisie recordbreaking.');
  });

  it('ends a paragraph on a line a little short in justified text, as at the foot of a column', () => {
    const justified = lines(['Les douaniers du Havre ont saisi', 'quatorze tonnes de cocaïne en mer', 'mardi dernier.'], { right: 270, last: 0.95 });
    const next = lines(['Six personnes ont', 'été interpellées.'], { x: 290, right: 510 });
    expect(pdfArticleLayout([[...justified, ...next]])).toBe(`${justified.map((line) => line.text).join(' ')}\n\nSix personnes ont été interpellées.`);
  });
});
