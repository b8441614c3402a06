import type { LabelResult, ProjectType } from '../../projects/domain/label-schema.js';

/** The three splits a version is cut into (fractions chosen when it is built). */
export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * Where a record's answer comes from: the quality engine's inference, a gold answer, a reviewer's
 * fix, or a synthesizer (a synthetic version's rows, whose labels no annotator gave).
 */
export type AnswerSource = 'inferred' | 'gold' | 'review' | 'synthetic';

/** One annotator's label on the record's item, as submitted (never a gold answer). */
export interface RecordAnnotation {
  id: number;
  annotatorId: number;
  result: LabelResult;
  leadTimeMs: number;
  createdAt: string;
}

/**
 * One row of a dataset version, in the order the version lists them: what every export format
 * writes. Curated versions have one per item; synthetic versions have no item, media or annotations.
 */
export interface DatasetRecord {
  /** Stable within the version: the item's external id, else `item-<id>`; `syn-<n>` for synthetic rows. */
  id: string;
  itemId: number | null;
  split: Split;
  /** The item's data as imported (text, fields, image URL). */
  data: Record<string, unknown>;
  /** The item's image, for boxes projects: a file name the export can refer to, and its size in pixels. */
  media: { cid: string; fileName: string; width: number; height: number; mime: string } | null;
  /** The accepted answer, in the project's result shape. */
  answer: LabelResult;
  /** The quality engine's confidence in `answer`, 0..1 (1 for gold and reviewed answers). */
  confidence: number;
  source: AnswerSource;
  /** Truth-inference method and its version that produced `answer`, e.g. `ds@2`; null for synthetic rows. */
  method: string | null;
  annotations: readonly RecordAnnotation[];
}

/** A field of the items' data, typed by inference over the version's records. */
export type FieldType = 'numeric' | 'categorical' | 'boolean' | 'date' | 'text';

/** What the exports and the synthesizer need to know of a version besides its records. */
export interface DatasetSchema {
  projectType: ProjectType;
  labels: readonly string[];
  /** The data fields, in a stable order; `text` for free text (the text project's input, a span's document). */
  fields: ReadonlyArray<{ name: string; type: FieldType }>;
}

/** The version's description, as the exports and the Croissant metadata write it. */
export interface DatasetMeta {
  versionId: number;
  name: string;
  description: string;
  /** SPDX identifier. */
  license: string;
  createdAt: string;
  /** Where the version is described (the console's page, or the market's asset page). */
  url: string;
  creator: string;
}
