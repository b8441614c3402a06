/**
 * A version's datasheet, under the headings of Gebru et al., "Datasheets for Datasets" (CACM 64(12),
 * 2021), answering the questions the platform itself knows the answer to: motivation (the intended
 * use as the admin entered it), composition (instances, splits, class balance, where answers come
 * from), collection (annotators, their trust, the time span of the labels), labeling (the
 * truth-inference methods, agreement as Krippendorff's alpha, the confidence histogram, the filters
 * and the split) and distribution (the licence). Questions only people can answer (who funded it,
 * consent, sensitive content) are left to the description.
 *
 * Built in one pass over the records (`add`), holding counts only: per-class, per-annotator and the
 * agreement tallies, never the records.
 */
import { AlphaTallies } from '../../quality/domain/agreement.js';
import type { ProjectType } from '../../projects/domain/label-schema.js';
import { SPLITS, type AnswerSource, type DatasetRecord, type Split } from './dataset-record.js';
import type { SplitFractions } from './split.js';

export interface DatasetFilters {
  minConfidence?: number;
  reviewedOnly?: boolean;
  /** ISO times bounding the answer's time (inclusive). */
  from?: string;
  to?: string;
  includeGold?: boolean;
}

export interface Datasheet {
  motivation: { intendedUse: string | null; description: string };
  composition: {
    instances: number;
    bySplit: Record<Split, number>;
    /** Per split, how many answers carry each label (a multi-label answer, a span or a box counts once per label it carries). */
    classBalance: Record<Split, Record<string, number>>;
    bySource: Record<AnswerSource, number>;
  };
  collection: {
    annotations: number;
    meanLabelsPerItem: number | null;
    annotators: Array<{ annotatorId: number; labels: number; trust: number | null }>;
    /** First and last label of the version's annotations (ISO times); null without annotations. */
    timeSpan: { from: string; to: string } | null;
  };
  labeling: {
    /** Truth-inference method of the answers, with how many answers each gave (`gold`, `review` for those). */
    methods: Record<string, number>;
    agreement: { krippendorffAlpha: number | null; pairableItems: number; note: string };
    confidenceHistogram: Array<{ from: number; to: number; items: number }>;
    filters: DatasetFilters;
    split: { fractions: SplitFractions; seed: number; stratifiedBy: string };
  };
  distribution: { license: string };
}

export interface DatasheetContext {
  projectType: ProjectType;
  intendedUse: string | null;
  description: string;
  license: string;
  filters: DatasetFilters;
  fractions: SplitFractions;
  seed: number;
  /** Each annotator's trust in the project when the version was built (quality's measure). */
  trust: ReadonlyMap<number, number>;
}

const BINS = 10;

export function stratificationOf(type: ProjectType): string {
  switch (type) {
    case 'classification':
      return "the answer's label";
    case 'multilabel':
      return "the answer's set of labels";
    case 'spans':
      return "the set of labels of the answer's spans";
    case 'boxes':
      return "the set of labels of the answer's boxes";
    case 'text':
      return 'nothing (free text has no class): a seeded random split';
  }
}

function labelsOf(answer: DatasetRecord['answer']): string[] {
  if ('label' in answer) return [answer.label];
  if ('labels' in answer) return answer.labels;
  if ('spans' in answer) return answer.spans.map((s) => s.label);
  if ('boxes' in answer) return answer.boxes.map((b) => b.label);
  return [];
}

export class DatasheetBuilder {
  private instances = 0;
  private readonly bySplit: Record<Split, number> = { train: 0, validation: 0, test: 0 };
  private readonly classBalance: Record<Split, Record<string, number>> = { train: {}, validation: {}, test: {} };
  private readonly bySource: Record<AnswerSource, number> = { inferred: 0, gold: 0, review: 0, synthetic: 0 };
  private readonly methods: Record<string, number> = {};
  private readonly histogram = new Array<number>(BINS).fill(0);
  private readonly annotators = new Map<number, number>();
  private annotations = 0;
  private first: string | null = null;
  private last: string | null = null;
  private readonly alpha = new AlphaTallies();

  constructor(private readonly projectType: ProjectType) {}

  add(record: DatasetRecord): void {
    this.instances++;
    this.bySplit[record.split]++;
    const balance = this.classBalance[record.split];
    for (const label of labelsOf(record.answer)) balance[label] = (balance[label] ?? 0) + 1;
    this.bySource[record.source]++;
    const method = record.method ?? 'none';
    this.methods[method] = (this.methods[method] ?? 0) + 1;
    this.histogram[Math.min(BINS - 1, Math.max(0, Math.floor(record.confidence * BINS)))]!++;
    // One label per annotator and item (their latest), as agreement measures require.
    const latest = new Map<number, RecordAnnotationLike>();
    for (const a of record.annotations) {
      this.annotations++;
      this.annotators.set(a.annotatorId, (this.annotators.get(a.annotatorId) ?? 0) + 1);
      if (this.first === null || a.createdAt < this.first) this.first = a.createdAt;
      if (this.last === null || a.createdAt > this.last) this.last = a.createdAt;
      const seen = latest.get(a.annotatorId);
      if (!seen || a.id > seen.id) latest.set(a.annotatorId, a);
    }
    if (this.projectType === 'classification') {
      this.alpha.addItem([...latest.values()].map((a) => ('label' in a.result ? a.result.label : '')));
    }
  }

  finish(context: DatasheetContext): Datasheet {
    const alpha = this.projectType === 'classification' ? this.alpha.nominalAlpha() : NaN;
    return {
      motivation: { intendedUse: context.intendedUse, description: context.description },
      composition: {
        instances: this.instances,
        bySplit: { ...this.bySplit },
        classBalance: Object.fromEntries(SPLITS.map((s) => [s, sortedKeys(this.classBalance[s])])) as Record<Split, Record<string, number>>,
        bySource: { ...this.bySource },
      },
      collection: {
        annotations: this.annotations,
        meanLabelsPerItem: this.instances === 0 ? null : this.annotations / this.instances,
        annotators: [...this.annotators.entries()]
          .sort(([a], [b]) => a - b)
          .map(([annotatorId, labels]) => ({ annotatorId, labels, trust: context.trust.get(annotatorId) ?? null })),
        timeSpan: this.first !== null && this.last !== null ? { from: this.first, to: this.last } : null,
      },
      labeling: {
        methods: sortedKeys(this.methods),
        agreement: {
          krippendorffAlpha: Number.isFinite(alpha) ? alpha : null,
          pairableItems: [...this.alpha.bySize.values()].reduce((sum, s) => sum + s.items, 0),
          note:
            this.projectType === 'classification'
              ? "Krippendorff's alpha (nominal) over the annotators' labels of the version's items; null when undefined (no item with two labels, or no variation)"
              : 'not computed: nominal alpha needs one categorical answer per label; see the confidence histogram',
        },
        confidenceHistogram: this.histogram.map((items, i) => ({ from: i / BINS, to: (i + 1) / BINS, items })),
        filters: context.filters,
        split: { fractions: context.fractions, seed: context.seed, stratifiedBy: stratificationOf(context.projectType) },
      },
      distribution: { license: context.license },
    };
  }
}

type RecordAnnotationLike = DatasetRecord['annotations'][number];

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
