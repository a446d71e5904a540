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

  it('does not split before a lower-case word', () => {
    expect(texts('Le groupe dit env. trente membres. Ensuite vient la suite.')).toEqual([
      'Le groupe dit env. trente membres.',
      'Ensuite vient la suite.',
    ]);
  });
});
