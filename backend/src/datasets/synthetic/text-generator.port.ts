import type { VerbatimGuard } from './domain/verbatim-guard.js';

/**
 * Writes texts for one text field, conditioned on the label. Whatever it yields is checked again by
 * the verbatim guard before it reaches a record; it may yield fewer than `count` texts.
 */
export interface TextGenerator {
  /** How the texts are made, as the report names it. */
  readonly name: string;
  /** `label` is the label column's key (multilabel: the JSON array of the sorted labels). Same seed, same texts. */
  generate(label: string, count: number, seed: number): AsyncIterable<string>;
}

/** The source texts of one field, per label, and the guard built over every source text. */
export interface TextCorpus {
  field: string;
  textsByLabel: ReadonlyMap<string, readonly string[]>;
  guard: VerbatimGuard;
}

export type TextGeneratorFactory = (corpus: TextCorpus) => TextGenerator;
