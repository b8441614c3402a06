/**
 * The datasheet and the synthetic report are documents the API returns as JSON objects (their shape
 * is the backend's `datasets/domain/datasheet.ts` and `datasets/synthetic/domain/report.ts`); the
 * console reads the parts it draws and checks each before use, so an older version's document that
 * lacks a part shows "not recorded" instead of breaking the page.
 */

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export interface DatasheetView {
  instances?: number;
  bySplit?: Partial<Record<SplitName, number>>;
  classBalance?: Partial<Record<SplitName, Record<string, number>>>;
  bySource?: Record<string, number>;
  annotations?: number;
  meanLabelsPerItem?: number | null;
  annotators?: Array<{ annotatorId: number; labels: number; trust: number | null }>;
  timeSpan?: { from: string; to: string } | null;
  methods?: Record<string, number>;
  alpha?: number | null;
  pairableItems?: number;
  agreementNote?: string;
  confidenceHistogram?: Array<{ from: number; to: number; items: number }>;
  intendedUse?: string | null;
  license?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(document: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = document[name];
  return isObject(value) ? value : {};
}

/** The datasheet's drawable parts ("Datasheets for Datasets" sections flattened). */
export function readDatasheet(document: unknown): DatasheetView | undefined {
  if (!isObject(document)) return undefined;
  const composition = section(document, 'composition');
  const collection = section(document, 'collection');
  const labeling = section(document, 'labeling');
  const agreement = section(labeling, 'agreement');
  const motivation = section(document, 'motivation');
  const distribution = section(document, 'distribution');
  return {
    instances: typeof composition.instances === 'number' ? composition.instances : undefined,
    bySplit: isObject(composition.bySplit) ? composition.bySplit : undefined,
    classBalance: isObject(composition.classBalance) ? composition.classBalance : undefined,
    bySource: isObject(composition.bySource) ? (composition.bySource as Record<string, number>) : undefined,
    annotations: typeof collection.annotations === 'number' ? collection.annotations : undefined,
    meanLabelsPerItem: typeof collection.meanLabelsPerItem === 'number' ? collection.meanLabelsPerItem : null,
    annotators: Array.isArray(collection.annotators) ? (collection.annotators as DatasheetView['annotators']) : undefined,
    timeSpan: isObject(collection.timeSpan) ? (collection.timeSpan as { from: string; to: string }) : null,
    methods: isObject(labeling.methods) ? (labeling.methods as Record<string, number>) : undefined,
    alpha: typeof agreement.krippendorffAlpha === 'number' ? agreement.krippendorffAlpha : null,
    pairableItems: typeof agreement.pairableItems === 'number' ? agreement.pairableItems : undefined,
    agreementNote: typeof agreement.note === 'string' ? agreement.note : undefined,
    confidenceHistogram: Array.isArray(labeling.confidenceHistogram)
      ? (labeling.confidenceHistogram as DatasheetView['confidenceHistogram'])
      : undefined,
    intendedUse: typeof motivation.intendedUse === 'string' ? motivation.intendedUse : null,
    license: typeof distribution.license === 'string' ? distribution.license : undefined,
  };
}

/** Labels of a class-balance table, in a stable order (most frequent overall first). */
export function balanceLabels(balance: DatasheetView['classBalance']): string[] {
  const totals = new Map<string, number>();
  for (const split of SPLIT_NAMES) {
    for (const [label, count] of Object.entries(balance?.[split] ?? {})) totals.set(label, (totals.get(label) ?? 0) + count);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label]) => label);
}

export interface ReportView {
  kind?: string;
  rows?: number;
  seed?: number;
  scores: { columnShapes: number | null; columnPairTrends: number | null; overall: number | null; utility: number | null };
  columnShapes: Array<{ column: string; type?: string; metric: string; score: number | null }>;
  columnPairTrends: Array<{ columns: [string, string]; metric: string; score: number | null }>;
  utility?: { classifier: string; trainOnSynthetic: number | null; trainOnReal: number | null; score: number | null } | null;
  privacy?: {
    exactCopies?: number;
    exactCopyShare?: number;
    dcr?: { closerThanRealShare: number | null; baselineProtection: number | null; medianSyntheticToReal: number | null } | null;
    text?: Array<{ column: string; longestSharedRun: number; guardRun: number }>;
  };
  samples?: { realRows: number; syntheticRows: number };
}

function score(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The synthetic report's drawable parts. */
export function readReport(document: unknown): ReportView | undefined {
  if (!isObject(document)) return undefined;
  const scores = section(document, 'scores');
  return {
    kind: typeof document.kind === 'string' ? document.kind : undefined,
    rows: typeof document.rows === 'number' ? document.rows : undefined,
    seed: typeof document.seed === 'number' ? document.seed : undefined,
    scores: {
      columnShapes: score(scores.columnShapes),
      columnPairTrends: score(scores.columnPairTrends),
      overall: score(scores.overall),
      utility: score(scores.utility),
    },
    columnShapes: Array.isArray(document.columnShapes) ? (document.columnShapes as ReportView['columnShapes']) : [],
    columnPairTrends: Array.isArray(document.columnPairTrends) ? (document.columnPairTrends as ReportView['columnPairTrends']) : [],
    utility: isObject(document.utility) ? (document.utility as ReportView['utility']) : null,
    privacy: isObject(document.privacy) ? document.privacy : undefined,
    samples: isObject(document.samples) ? (document.samples as ReportView['samples']) : undefined,
  };
}

/** Rows of a JSONL prefix: complete lines only (the last may be cut by the byte range), grouped by split. */
export function previewRows(text: string, perSplit: number): Record<SplitName, Array<Record<string, unknown>>> {
  const rows: Record<SplitName, Array<Record<string, unknown>>> = { train: [], validation: [], test: [] };
  const lines = text.split('\n');
  // A prefix that does not end in a newline ends in a cut line.
  if (!text.endsWith('\n')) lines.pop();
  for (const line of lines) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isObject(row)) continue;
    const split = row.split;
    if ((split === 'train' || split === 'validation' || split === 'test') && rows[split].length < perSplit) rows[split].push(row);
  }
  return rows;
}
