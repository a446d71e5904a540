import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/text/sentences.ts';

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

describe('splitSentences', () => {
  it('does not split after French abbreviations and initials', () => {
    expect(texts('M. Dupont a rencontré Mme Durand. Le Dr Martin et J. Bernard étaient là.')).toEqual([
      'M. Dupont a rencontré Mme Durand.',
      'Le Dr Martin et J. Bernard étaient là.',
    ]);
  });

  it('keeps dates and numbers inside their sentence', () => {
    expect(texts('Il a été inauguré le mercredi 14 mai. La loi date de juin 2025 et prévoit 1.5 million.')).toEqual([
      'Il a été inauguré le mercredi 14 mai.',
      'La loi date de juin 2025 et prévoit 1.5 million.',
    ]);
  });

  it('splits on ellipses, question and exclamation marks', () => {
    expect(texts('Et ensuite… Personne ne sait. Pourquoi ? Parce que ! Fin.')).toEqual([
      'Et ensuite…',
      'Personne ne sait.',
      'Pourquoi ?',
      'Parce que !',
      'Fin.',
    ]);
  });

  it('does not cut a quotation in half', () => {
    expect(texts('« Nous irons. Nous gagnerons », a-t-il dit. Puis il est parti.')).toEqual([
      '« Nous irons. Nous gagnerons », a-t-il dit.',
      'Puis il est parti.',
    ]);
    expect(texts('Il a expliqué : "Il faut des mesures. Donc nous attendons." La suite est prévue.')).toEqual([
      'Il a expliqué : "Il faut des mesures. Donc nous attendons."',
      'La suite est prévue.',
    ]);
  });

  it('splits after a no-break space and reports offsets that cut the paragraph verbatim', () => {
    const paragraph = 'Le président s’est recueilli à Caen.\u00a0Avant cela, il a inauguré l’EMCO.';
    const spans = splitSentences(paragraph);
    expect(spans.map((s) => s.text)).toEqual(['Le président s’est recueilli à Caen.', 'Avant cela, il a inauguré l’EMCO.']);
    for (const span of spans) expect(paragraph.slice(span.start, span.end)).toBe(span.text);
  });

  it('cuts a text without sentence punctuation into pieces a quote can hold, verbatim, at a clause mark or a space', () => {
    const words = Array.from({ length: 3000 }, (_, i) => ['saisie', 'port', 'douane', 'cocaïne'][i % 4]! + (i % 97 === 0 ? ',' : ''));
    const runOn = words.join(' ');
    const spans = splitSentences(runOn);
    expect(spans.length).toBeGreaterThan(10);
    for (const span of spans) {
      expect(span.text.length).toBeLessThanOrEqual(1000);
      expect(span.text.length).toBeGreaterThan(500);
      expect(runOn.slice(span.start, span.end)).toBe(span.text);
    }
    // Every word is in exactly one piece, and pieces end after a comma when one stands in their second half.
    expect(spans.map((s) => s.text).join(' ')).toBe(runOn);
    expect(spans.slice(0, -1).every((s) => s.text.endsWith(','))).toBe(true);
    // Without a comma, at a space; a run without any space, at the limit.
    const plain = Array.from({ length: 400 }, () => 'mot').join(' ');
    expect(splitSentences(plain).every((s) => !s.text.startsWith(' ') && !s.text.endsWith(' ') && s.text.length <= 1000)).toBe(true);
    expect(splitSentences('x'.repeat(2500)).map((s) => s.text.length)).toEqual([1000, 1000, 500]);
  });

  it('leaves long written sentences whole', () => {
    const long = `${'Le parquet, qui a ouvert une information judiciaire, '.repeat(14).trim()} a saisi le juge.`;
    expect(long.length).toBeGreaterThan(700);
    expect(texts(`${long} Une autre phrase suit.`)).toEqual([long, 'Une autre phrase suit.']);
  });

  it('does not split before a lower-case word', () => {
    expect(texts('Le groupe dit env. trente membres. Ensuite vient la suite.')).toEqual([
      'Le groupe dit env. trente membres.',
      'Ensuite vient la suite.',
    ]);
  });
});
