/**
 * Whether an answer matches a gold item's known answer. Categorical answers must be equal; spans and
 * boxes are drawn by hand, so they match when they agree with the gold answer as a whole (token-level
 * or box-level F1 at least `GOLD_F1`), not pixel for pixel; free text matches ignoring case and spacing.
 */
import type { Box, ProjectType, Span } from '../../projects/domain/label-schema.js';
import { iou, OUTSIDE, tokenize, tokenLabels } from './structured.js';

/** F1 a drawn answer needs against the gold answer to count as correct. */
export const GOLD_F1 = 0.8;
/** IoU at which a drawn box is the gold box (as box aggregation matches boxes). */
export const GOLD_IOU = 0.5;

function f1(truePositives: number, predicted: number, actual: number): number {
  if (predicted === 0 && actual === 0) return 1;
  return (2 * truePositives) / (predicted + actual);
}

function field<T>(value: unknown, key: string, fallback: T): T {
  return value !== null && typeof value === 'object' && key in value ? ((value as Record<string, unknown>)[key] as T) : fallback;
}

/** Token-level F1 of the entity tokens (a token outside every span is not an entity). */
export function spanF1(text: string, gold: readonly Span[], answer: readonly Span[]): number {
  const tokens = tokenize(text);
  const expected = tokenLabels(tokens, gold);
  const given = tokenLabels(tokens, answer);
  let hits = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (expected[i] !== OUTSIDE) actual++;
    if (given[i] !== OUTSIDE) predicted++;
    if (expected[i] !== OUTSIDE && expected[i] === given[i]) hits++;
  }
  return f1(hits, predicted, actual);
}

/** Box-level F1: each gold box is matched at most once, by the best same-label box with IoU >= GOLD_IOU. */
export function boxF1(gold: readonly Box[], answer: readonly Box[]): number {
  const pairs: Array<{ g: number; a: number; overlap: number }> = [];
  gold.forEach((g, gi) =>
    answer.forEach((a, ai) => {
      const overlap = g.label === a.label ? iou(g, a) : 0;
      if (overlap >= GOLD_IOU) pairs.push({ g: gi, a: ai, overlap });
    }),
  );
  pairs.sort((x, y) => y.overlap - x.overlap || x.g - y.g || x.a - y.a);
  const usedGold = new Set<number>();
  const usedAnswer = new Set<number>();
  for (const pair of pairs) {
    if (usedGold.has(pair.g) || usedAnswer.has(pair.a)) continue;
    usedGold.add(pair.g);
    usedAnswer.add(pair.a);
  }
  return f1(usedGold.size, answer.length, gold.length);
}

export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function matchesGold(type: ProjectType, data: Record<string, unknown>, gold: unknown, answer: unknown): boolean {
  switch (type) {
    case 'classification':
      return field(gold, 'label', undefined) === field(answer, 'label', null);
    case 'multilabel': {
      const expected = new Set(field<string[]>(gold, 'labels', []));
      const given = new Set(field<string[]>(answer, 'labels', []));
      return expected.size === given.size && [...expected].every((label) => given.has(label));
    }
    case 'spans': {
      const text = typeof data['text'] === 'string' ? data['text'] : '';
      return spanF1(text, field<Span[]>(gold, 'spans', []), field<Span[]>(answer, 'spans', [])) >= GOLD_F1;
    }
    case 'boxes':
      return boxF1(field<Box[]>(gold, 'boxes', []), field<Box[]>(answer, 'boxes', [])) >= GOLD_F1;
    case 'text':
      return normalizeText(String(field(gold, 'text', ''))) === normalizeText(String(field(answer, 'text', '\u0000')));
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}
