/**
 * Turns a project's labels into one decision per item, whatever the project type. Pure: the
 * aggregation job feeds it rows and stores what it returns.
 */
import type { Box, ProjectType, Span } from '../../projects/domain/label-schema.js';
import { matchesGold } from './gold-check.js';
import { consensusStatus, extraLabelsWanted, type ConsensusStatus } from './consensus-status.js';
import { aggregateBoxes, aggregateMultiLabel, aggregateSpans, type CategoricalAggregator } from './structured.js';
import type { MethodSelection } from './method-selection.js';
import { inferTruth } from './truth-inference.js';
import type { Vote } from './votes.js';

export interface ProjectLabels {
  type: ProjectType;
  labels: readonly string[];
  items: ReadonlyArray<{ id: number; overlap: number; data: Record<string, unknown>; gold: Record<string, unknown> | null }>;
  /** `submitted`: the answer first submitted, when the label was corrected since (what gold judges). */
  annotations: ReadonlyArray<{ itemId: number; annotatorId: number; result: Record<string, unknown>; submitted?: Record<string, unknown> }>;
  /**
   * Gold items given to an annotator and not answered (skipped, or left to run out): each counts as
   * a gold item seen and answered wrong, so that dodging a check is failing it.
   */
  unansweredGold?: ReadonlyArray<{ itemId: number; annotatorId: number }>;
  /** Confidence at which an item is settled. */
  targetConfidence: number;
  /** Labels every item gets before it can be settled (the project's overlap). */
  minLabels: number;
  /** Dynamic overlap: most labels an unsure item may get. */
  maxOverlap: number;
  /** Each annotator's trust from earlier runs (see `trustOf`); box merging weighs annotators by it. */
  trust?: ReadonlyMap<number, number>;
}

export interface ItemDecision {
  itemId: number;
  result: unknown;
  confidence: number;
  status: ConsensusStatus;
  labels: number;
}

export interface WorkerScore {
  annotatorId: number;
  labels: number;
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
}

export interface ProjectDecision {
  method: string;
  /** How `auto` chose `method` (classification projects); null when nothing was chosen. */
  selection: MethodSelection | null;
  items: ItemDecision[];
  /** Items that should get more labels: their new overlap. */
  grow: Array<{ itemId: number; overlap: number }>;
  workers: WorkerScore[];
}

const categorical: CategoricalAggregator = (votes) => inferTruth(votes, { method: 'auto' }).items;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function aggregateProject(input: ProjectLabels): ProjectDecision {
  const byItem = new Map<number, Array<{ annotatorId: number; result: Record<string, unknown> }>>();
  for (const a of input.annotations) {
    const list = byItem.get(a.itemId) ?? [];
    list.push({ annotatorId: a.annotatorId, result: a.result });
    byItem.set(a.itemId, list);
  }
  const decided = new Map<number, { result: unknown; confidence: number }>();
  const accuracy = new Map<number, number>();
  let method = 'auto';
  let selection: MethodSelection | null = null;
  const boxTrust = new Map([...(input.trust ?? new Map<number, number>())].map(([annotator, trust]) => [String(annotator), trust]));
  switch (input.type) {
    case 'classification': {
      const votes: Vote[] = [];
      for (const a of input.annotations)
        votes.push({ item: String(a.itemId), worker: String(a.annotatorId), label: String(a.result['label']) });
      const gold = new Map<string, string>();
      for (const item of input.items) if (item.gold) gold.set(String(item.id), String(item.gold['label']));
      if (votes.length > 0) {
        const truth = inferTruth(votes, { method: 'auto', gold });
        method = truth.method;
        selection = truth.selection ?? null;
        for (const t of truth.items) decided.set(Number(t.item), { result: { label: t.label }, confidence: t.confidence });
        for (const w of truth.workers) accuracy.set(Number(w.worker), w.accuracy);
      }
      break;
    }
    case 'multilabel': {
      const annotations = input.annotations.map((a) => ({
        item: String(a.itemId),
        worker: String(a.annotatorId),
        labels: (a.result['labels'] as string[] | undefined) ?? [],
      }));
      for (const r of aggregateMultiLabel(annotations, input.labels, categorical)) {
        decided.set(Number(r.item), { result: { labels: r.labels }, confidence: Math.min(...Object.values(r.confidence), 1) });
      }
      break;
    }
    case 'spans': {
      for (const item of input.items) {
        const list = byItem.get(item.id);
        if (!list) continue;
        const text = typeof item.data['text'] === 'string' ? item.data['text'] : '';
        const merged = aggregateSpans(
          text,
          list.map((a) => ({ worker: String(a.annotatorId), spans: (a.result['spans'] as Span[] | undefined) ?? [] })),
          categorical,
        );
        const spans = merged.spans.map(({ start, end, label }) => ({ start, end, label }));
        decided.set(item.id, {
          result: { spans },
          confidence: merged.spans.length ? Math.min(...merged.spans.map((s) => s.confidence)) : 1,
        });
      }
      break;
    }
    case 'boxes': {
      for (const item of input.items) {
        const list = byItem.get(item.id);
        if (!list) continue;
        const merged = aggregateBoxes(
          list.map((a) => ({ worker: String(a.annotatorId), boxes: (a.result['boxes'] as Box[] | undefined) ?? [] })),
          { trust: boxTrust },
        );
        const boxes = merged.map(({ x, y, w, h, label }) => ({ x, y, w, h, label }));
        decided.set(item.id, { result: { boxes }, confidence: merged.length ? Math.min(...merged.map((b) => b.confidence)) : 1 });
      }
      break;
    }
    case 'text': {
      // Free text has no single right answer to infer: identical answers agree, anything else is for review.
      for (const [itemId, list] of byItem) {
        const counts = new Map<string, number>();
        for (const a of list) counts.set(String(a.result['text']).trim(), (counts.get(String(a.result['text']).trim()) ?? 0) + 1);
        const [text, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
        decided.set(itemId, { result: { text }, confidence: n / list.length });
      }
      break;
    }
    default: {
      const unreachable: never = input.type;
      return unreachable;
    }
  }

  const items: ItemDecision[] = [];
  const grow: Array<{ itemId: number; overlap: number }> = [];
  for (const item of input.items) {
    const count = byItem.get(item.id)?.length ?? 0;
    if (item.gold) {
      items.push({ itemId: item.id, result: item.gold, confidence: 1, status: 'confident', labels: count });
      continue;
    }
    const decision = decided.get(item.id);
    if (!decision) continue;
    const consensusInput = {
      confidence: decision.confidence,
      labels: count,
      targetConfidence: input.targetConfidence,
      minLabels: Math.min(input.minLabels, input.maxOverlap),
      maxOverlap: Math.max(input.maxOverlap, count),
    };
    const status = consensusStatus(consensusInput);
    items.push({ itemId: item.id, result: decision.result, confidence: decision.confidence, status, labels: count });
    // Dynamic overlap: once an unsure item has all the labels it asked for, ask for more.
    if (status === 'needs_more_labels' && count >= item.overlap) {
      const overlap = Math.min(input.maxOverlap, count + extraLabelsWanted(consensusInput));
      if (overlap > item.overlap) grow.push({ itemId: item.id, overlap });
    }
  }

  // Worker scores: agreement with the decisions (the model's accuracy where one exists), and gold;
  // an answer agrees with a decision as it would match it as a gold answer.
  const decisionOf = new Map(items.map((d) => [d.itemId, d.result]));
  const itemOf = new Map(input.items.map((i) => [i.id, i]));
  const agrees = (expected: unknown, a: { itemId: number; result: unknown }): boolean =>
    matchesGold(input.type, itemOf.get(a.itemId)?.data ?? {}, expected, a.result);
  const perWorker = new Map<number, { labels: number; agree: number[]; goldSeen: number; goldCorrect: number }>();
  for (const a of input.annotations) {
    const entry = perWorker.get(a.annotatorId) ?? { labels: 0, agree: [], goldSeen: 0, goldCorrect: 0 };
    entry.labels++;
    const gold = itemOf.get(a.itemId)?.gold;
    if (gold) {
      entry.goldSeen++;
      if (agrees(gold, { itemId: a.itemId, result: a.submitted ?? a.result })) entry.goldCorrect++;
    }
    const decision = decisionOf.get(a.itemId);
    if (decision !== undefined) entry.agree.push(agrees(decision, a) ? 1 : 0);
    perWorker.set(a.annotatorId, entry);
  }
  for (const dodged of input.unansweredGold ?? []) {
    if (!itemOf.get(dodged.itemId)?.gold) continue;
    const entry = perWorker.get(dodged.annotatorId) ?? { labels: 0, agree: [], goldSeen: 0, goldCorrect: 0 };
    entry.goldSeen++;
    perWorker.set(dodged.annotatorId, entry);
  }
  const workers = [...perWorker.entries()]
    .map(([annotatorId, w]) => ({
      annotatorId,
      labels: w.labels,
      accuracy: accuracy.get(annotatorId) ?? mean(w.agree),
      goldSeen: w.goldSeen,
      goldCorrect: w.goldCorrect,
    }))
    .sort((a, b) => a.annotatorId - b.annotatorId);
  return { method, selection, items, grow, workers };
}
