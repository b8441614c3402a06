import { describe, expect, it } from 'vitest';
import { NgramTextGenerator } from './ngram-generator.js';
import { labelledTexts, TEXT_VOCABULARY } from './text-fixtures.js';
import { tokens, VERBATIM_RUN, VerbatimGuard } from './verbatim-guard.js';

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const text of iterable) out.push(text);
  return out;
}

describe('NgramTextGenerator', () => {
  const sources = labelledTexts(150, 21);
  const guard = new VerbatimGuard();
  const byLabel = new Map<string, string[]>();
  for (const { label, text } of sources) {
    guard.add(text);
    byLabel.set(label, [...(byLabel.get(label) ?? []), text]);
  }
  const generator = new NgramTextGenerator(byLabel, guard);
  // Independent of the guard's hashing: every source text and every 8-token source window, as strings.
  const sourceTexts = new Set(sources.map(({ text }) => tokens(text).join(' ')));
  const sourceWindows = new Set<string>();
  for (const { text } of sources) {
    const words = tokens(text);
    for (let i = 0; i + VERBATIM_RUN <= words.length; i++) sourceWindows.add(words.slice(i, i + VERBATIM_RUN).join(' '));
  }

  it('never emits a source text nor a run of 8 source tokens', async () => {
    for (const label of byLabel.keys()) {
      const texts = await collect(generator.generate(label, 200, 1));
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        const words = tokens(text);
        expect(sourceTexts.has(words.join(' '))).toBe(false);
        for (let i = 0; i + VERBATIM_RUN <= words.length; i++)
          expect(sourceWindows.has(words.slice(i, i + VERBATIM_RUN).join(' '))).toBe(false);
      }
    }
  });

  it("writes with the label's own words only", async () => {
    const vocabulary = (label: string) =>
      new Set(
        Object.values(TEXT_VOCABULARY[label]!)
          .flat()
          .flatMap((phrase) => tokens(phrase))
          .flatMap((word) => [word, `${word},`, `${word}.`]),
      );
    for (const label of byLabel.keys()) {
      const words = vocabulary(label);
      const texts = await collect(generator.generate(label, 50, 2));
      for (const text of texts) for (const word of tokens(text)) expect(words.has(word)).toBe(true);
    }
  });

  it('gives the same texts for the same seed', async () => {
    expect(await collect(generator.generate('positive', 20, 3))).toEqual(await collect(generator.generate('positive', 20, 3)));
    expect(await collect(generator.generate('positive', 20, 3))).not.toEqual(await collect(generator.generate('positive', 20, 4)));
  });

  it('yields nothing for a label it has no text of', async () => {
    expect(await collect(generator.generate('neutral', 5, 1))).toEqual([]);
  });
});
