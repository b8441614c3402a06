/**
 * Aggregation for the structured project types (multi-label, spans, boxes). Multi-label and spans are
 * reduced to categorical votes and handed to whichever categorical method the project uses (majority,
 * Dawid-Skene, ...), passed in as a function; boxes are matched geometrically and merged by trust.
 */
import type { Box, Span } from '../../projects/domain/label-schema.js';
import { QualityError, QualityErrorCode } from './quality-error.js';
import { compareLabels } from './votes.js';

/** Any categorical method: one decided label per item that received votes, with its confidence in [0, 1]. */
export type CategoricalAggregator = (
  votes: Array<{ item: string; worker: string; label: string }>,
) => Array<{ item: string; label: string; confidence: number }>;

/** Code-unit order: unlike localeCompare, it does not depend on the server's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs the aggregator and indexes its answer, which must cover every item that was voted on. */
function decide(aggregate: CategoricalAggregator, votes: Array<{ item: string; worker: string; label: string }>, what: string) {
  const decided = new Map<string, { label: string; confidence: number }>();
  for (const { item, label, confidence } of aggregate(votes)) decided.set(item, { label, confidence });
  return (item: string): { label: string; confidence: number } => {
    const answer = decided.get(item);
    // A broken aggregator, not bad input: no error code would help a caller.
    if (!answer) throw new Error(`the aggregator returned no label for ${what} "${item}"`);
    return answer;
  };
}

// ---------------------------------------------------------------------------------------------------
// Multi-label

export interface MultiLabelAnnotation {
  item: string;
  worker: string;
  labels: readonly string[];
}

export interface MultiLabelResult {
  item: string;
  /** The classes decided present, in the order of `classes`. */
  labels: string[];
  /** For every class: the aggregator's confidence in its decision (present or absent). */
  confidence: Record<string, number>;
}

export const PRESENT = 'present';
export const ABSENT = 'absent';

/**
 * Multi-label answers, one binary question per class: every annotation votes PRESENT or ABSENT on each
 * class, and each class is aggregated on its own (one `aggregate` call per class, so a method that
 * models workers learns their reliability per class). Labels outside `classes` are ignored. Results
 * are sorted by item.
 */
export function aggregateMultiLabel(
  annotations: readonly MultiLabelAnnotation[],
  classes: readonly string[],
  aggregate: CategoricalAggregator,
): MultiLabelResult[] {
  const items = [...new Set(annotations.map((a) => a.item))].sort(compareIds);
  const results = items.map((item) => ({ item, labels: [] as string[], confidence: [] as Array<[string, number]> }));
  for (const cls of new Set(classes)) {
    const votes = annotations.map(({ item, worker, labels }) => ({ item, worker, label: labels.includes(cls) ? PRESENT : ABSENT }));
    const decided = decide(aggregate, votes, `class "${cls}" of item`);
    for (const result of results) {
      const { label, confidence } = decided(result.item);
      if (label === PRESENT) result.labels.push(cls);
      result.confidence.push([cls, confidence]);
    }
  }
  // fromEntries defines own properties, so a class called "__proto__" is kept like any other.
  return results.map(({ item, labels, confidence }) => ({ item, labels, confidence: Object.fromEntries(confidence) }));
}

// ---------------------------------------------------------------------------------------------------
// Spans

export interface Token {
  /** UTF-16 offsets, as String.prototype.slice and the submitted spans use. */
  start: number;
  end: number;
}

export interface SpanAnnotation {
  worker: string;
  spans: readonly Span[];
}

export interface AggregatedSpan extends Span {
  /** Mean of the aggregator's confidence over the span's tokens. */
  confidence: number;
}

/** The label a token gets when no span covers it. A project label literally named "O" means the same. */
export const OUTSIDE = 'O';

/** Runs of non-whitespace (JavaScript's \s: Unicode spaces and line breaks included). */
export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(/\S+/g), (match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Index of the first token ending after `offset`: tokens are sorted and disjoint. */
function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (tokens[mid]!.end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * One annotation's label per token. A span touching any character of a token labels the whole token.
 * Where an annotator's spans overlap on a token, the span covering more of it wins, then the smaller
 * label in `compareLabels` order (as truth inference breaks ties), so the order of the spans does not matter.
 */
export function tokenLabels(tokens: readonly Token[], spans: readonly Span[]): string[] {
  const labels = tokens.map(() => OUTSIDE);
  const covered = tokens.map(() => 0);
  for (const span of spans) {
    for (let i = firstTokenEndingAfter(tokens, span.start); i < tokens.length && tokens[i]!.start < span.end; i++) {
      const token = tokens[i]!;
      const overlap = Math.min(token.end, span.end) - Math.max(token.start, span.start);
      if (overlap <= 0) continue;
      if (labels[i] === OUTSIDE || overlap > covered[i]! || (overlap === covered[i] && compareLabels(span.label, labels[i]!) < 0)) {
        labels[i] = span.label;
        covered[i] = overlap;
      }
    }
  }
  return labels;
}

/**
 * Spans aggregated token by token: each annotation gives every whitespace-separated token of `text` a
 * label (its span's, or OUTSIDE), `aggregate` decides each token, and consecutive tokens decided with
 * the same label are joined back into one span. The rebuilt spans therefore always cover whole tokens,
 * and two adjacent entities of the same label merge into one (labels carry no begin/inside marks).
 * Every annotation counts as a vote on every token, so an annotation with no spans votes OUTSIDE.
 */
export function aggregateSpans(
  text: string,
  annotations: readonly SpanAnnotation[],
  aggregate: CategoricalAggregator,
): { spans: AggregatedSpan[] } {
  const tokens = tokenize(text);
  if (tokens.length === 0 || annotations.length === 0) return { spans: [] };
  const votes: Array<{ item: string; worker: string; label: string }> = [];
  for (const { worker, spans } of annotations) {
    for (const [i, label] of tokenLabels(tokens, spans).entries()) votes.push({ item: String(i), worker, label });
  }
  const decided = decide(aggregate, votes, 'token');

  const spans: AggregatedSpan[] = [];
  let open: { start: number; end: number; label: string; confidences: number[] } | undefined;
  const close = (): void => {
    if (!open) return;
    const { start, end, label, confidences } = open;
    spans.push({ start, end, label, confidence: confidences.reduce((sum, c) => sum + c, 0) / confidences.length });
    open = undefined;
  };
  for (const [i, token] of tokens.entries()) {
    const { label, confidence } = decided(String(i));
    if (open && label !== open.label) close();
    if (label === OUTSIDE) continue;
    if (open) {
      open.end = token.end;
      open.confidences.push(confidence);
    } else {
      open = { start: token.start, end: token.end, label, confidences: [confidence] };
    }
  }
  close();
  return { spans };
}

// ---------------------------------------------------------------------------------------------------
// Boxes

export type Rect = Pick<Box, 'x' | 'y' | 'w' | 'h'>;

export interface BoxAnnotation {
  worker: string;
  boxes: readonly Box[];
}

export interface AggregatedBox extends Box {
  /** Trust-weighted share of all annotators who drew this object and gave it the decided label. */
  confidence: number;
  /** Share of all annotators (unweighted) who drew this object, whatever its label. */
  support: number;
}

export interface BoxAggregationOptions {
  /** Two boxes are the same object when their IoU is at least this; in (0, 1], default 0.5. */
  iouThreshold?: number;
  /** Weight of each worker, >= 0; a worker not in the map weighs 1. */
  trust?: ReadonlyMap<string, number>;
  /** Share of annotators who must have drawn an object for it to be kept; in [0, 1], default 0.5. */
  minSupport?: number;
}

/** Intersection over union of two boxes with non-negative sizes; 0 when both are empty. */
export function iou(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  const intersection = width > 0 && height > 0 ? width * height : 0;
  const union = a.w * a.h + b.w * b.h - intersection;
  return union > 0 ? intersection / union : 0;
}

function compareBoxes(a: Box, b: Box): number {
  return a.x - b.x || a.y - b.y || a.w - b.w || a.h - b.h || compareIds(a.label, b.label);
}

interface Drawn {
  worker: string;
  box: Box;
  weight: number;
}

/**
 * Boxes drawn by several workers, merged into one box per object.
 *
 * Matching is greedy agglomerative clustering with complete linkage: every pair of boxes from
 * different workers with IoU >= iouThreshold is a candidate, taken from the highest IoU down; a
 * candidate joins the two boxes' clusters when they have no worker in common and every box of one
 * overlaps every box of the other by at least the threshold. So each worker appears at most once per
 * object, through their best-matching box, and a cluster cannot drift by chaining. Labels play no part
 * in matching: a car one worker calls a truck is still the same object.
 *
 * Each cluster gives a box at the trust-weighted mean of its members' coordinates, labeled by
 * trust-weighted vote (ties go to the earlier label in `compareLabels` order). Annotators who drew nothing
 * still count in the shares: they said there is no object. Boxes and candidates are put in a
 * canonical order first, so the result does not depend on the order of the input.
 */
export function aggregateBoxes(annotations: readonly BoxAnnotation[], options: BoxAggregationOptions = {}): AggregatedBox[] {
  const { iouThreshold = 0.5, trust = new Map<string, number>(), minSupport = 0.5 } = options;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) {
    throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `iouThreshold must be in (0, 1], got ${iouThreshold}`);
  }
  if (!(minSupport >= 0 && minSupport <= 1)) {
    throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `minSupport must be in [0, 1], got ${minSupport}`);
  }
  const weightOf = (worker: string): number => {
    const weight = trust.get(worker) ?? 1;
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new QualityError(QualityErrorCode.OPTIONS_INVALID, `trust of worker "${worker}" must be a number >= 0, got ${weight}`);
    }
    return weight;
  };

  // Sorted, so that the float sum of their trust does not depend on the input's order.
  const annotators = [...new Set(annotations.map((a) => a.worker))].sort(compareIds);
  if (annotators.length === 0) return [];
  const totalWeight = annotators.reduce((sum, worker) => sum + weightOf(worker), 0);

  const drawn: Drawn[] = annotations
    .flatMap(({ worker, boxes }) => boxes.map((box) => ({ worker, box, weight: weightOf(worker) })))
    .sort((a, b) => compareIds(a.worker, b.worker) || compareBoxes(a.box, b.box));

  const candidates: Array<{ overlap: number; i: number; j: number }> = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      if (drawn[i]!.worker === drawn[j]!.worker) continue;
      const overlap = iou(drawn[i]!.box, drawn[j]!.box);
      if (overlap >= iouThreshold) candidates.push({ overlap, i, j });
    }
  }
  candidates.sort((p, q) => q.overlap - p.overlap || p.i - q.i || p.j - q.j);

  // Each cluster is held by its smallest member index; `owner` maps every box to its cluster.
  const owner = drawn.map((_, i) => i);
  const members = drawn.map((_, i) => [i]);
  for (const { i, j } of candidates) {
    const a = owner[i]!;
    const b = owner[j]!;
    if (a === b) continue;
    const left = members[a]!;
    const right = members[b]!;
    const workers = new Set(left.map((m) => drawn[m]!.worker));
    if (right.some((m) => workers.has(drawn[m]!.worker))) continue;
    if (!left.every((p) => right.every((q) => iou(drawn[p]!.box, drawn[q]!.box) >= iouThreshold))) continue;
    const [keep, drop] = a < b ? [a, b] : [b, a];
    const merged = [...left, ...right].sort((p, q) => p - q);
    members[keep] = merged;
    members[drop] = [];
    for (const m of merged) owner[m] = keep;
  }

  const result: AggregatedBox[] = [];
  for (const cluster of members) {
    if (cluster.length === 0) continue;
    const support = cluster.length / annotators.length;
    if (support < minSupport) continue;
    const boxes = cluster.map((m) => drawn[m]!);
    // With every member at trust 0 the weighted mean is 0/0: their plain mean is the only sensible box.
    const weigh = boxes.some((d) => d.weight > 0) ? (d: Drawn) => d.weight : () => 1;
    const weight = boxes.reduce((sum, d) => sum + weigh(d), 0);
    const mean = (key: keyof Rect): number => boxes.reduce((sum, d) => sum + weigh(d) * d.box[key], 0) / weight;

    const votes = new Map<string, number>();
    for (const d of boxes) votes.set(d.box.label, (votes.get(d.box.label) ?? 0) + weigh(d));
    const [label] = [...votes.entries()].sort(([la, va], [lb, vb]) => vb - va || compareLabels(la, lb))[0]!;
    const agreeing = boxes.filter((d) => d.box.label === label).reduce((sum, d) => sum + d.weight, 0);

    result.push({
      x: mean('x'),
      y: mean('y'),
      w: mean('w'),
      h: mean('h'),
      label,
      confidence: totalWeight > 0 ? agreeing / totalWeight : 0,
      support,
    });
  }
  return result.sort(compareBoxes);
}
