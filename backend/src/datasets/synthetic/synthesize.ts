/**
 * The synthetic companion of a dataset version: what the datasets module calls once per synthetic
 * version. It fits a Gaussian copula (domain/copula.ts) over the data fields, the label and the
 * confidence of a seeded sample of the source, writes text fields with a label-conditioned text
 * generator behind the verbatim guard, streams the rows, and reports on them in SDMetrics' terms
 * (domain/report.ts).
 *
 * Bounded memory whatever `rows` is: rows are made and handed out in chunks of CHUNK_ROWS; the report
 * keeps a seeded reservoir of REPORT_SYNTHETIC_ROWS of them plus one hash per source row (exact copies
 * are counted over every synthetic row).
 *
 * Sizes, and why:
 *   - FIT_ROWS = 20,000 source rows (a seeded reservoir, Algorithm R) fit the copula: the standard
 *     error of a correlation is about 1/√n ≈ 0.007 there and the empirical marginal's KS distance to
 *     the true distribution under 1.36/√n ≈ 0.01 (95%), finer than the report can see, while fitting
 *     stays a fraction of a second. A larger source only adds time, not precision the report measures.
 *   - The holdout is HOLDOUT_SHARE = 20% of that sample (at most HOLDOUT_ROWS = 2,000, none under 10
 *     rows), seeded, never seen by the synthesizer: TSTR would be flattered otherwise.
 *   - REPORT_SYNTHETIC_ROWS = 10,000 synthetic rows for shapes, pair trends and utility (KS sampling
 *     noise ~0.01); DCR compares 1,000 synthetic rows with 5,000 real ones (domain/report.ts).
 *
 * The verbatim guard and the exact-copy count cover every record of `source`, not only the sample: a
 * caller that passes all of a version's records (`synthesizeStream` reads them once, as a stream) gets
 * the guarantee over all of them, at the cost of one 52-bit hash per source row and per 8-token window.
 */
import { SPLITS, type DatasetRecord, type DatasetSchema, type Split } from '../domain/dataset-record.js';
import { seededRandom } from '../../quality/domain/seeded-random.js';
import { copulaSampler, fitGaussianCopula } from './domain/copula.js';
import { SourceRuns } from './domain/longest-shared-run.js';
import { NgramTextGenerator } from './domain/ngram-generator.js';
import { Reservoir } from './domain/reservoir.js';
import { syntheticReport, type SyntheticReport } from './domain/report.js';
import { SynthesisError, SynthesisErrorCode } from './domain/synthesis-error.js';
import { cellKind, rowKey, tableCodec, type Cell, type Row, type TableCodec } from './domain/table.js';
import { VerbatimGuard, windowHash } from './domain/verbatim-guard.js';
import type { TextCorpus, TextGenerator, TextGeneratorFactory } from './text-generator.port.js';

export const FIT_ROWS = 20_000;
export const HOLDOUT_SHARE = 0.2;
export const HOLDOUT_ROWS = 2_000;
export const MIN_HOLDOUT_SOURCE = 10;
export const REPORT_SYNTHETIC_ROWS = 10_000;
export const CHUNK_ROWS = 1_024;
export const MAX_ROWS = 10_000_000;
/**
 * The report's longest shared run is measured against a seeded sample of at most RUN_INDEX_TEXTS source
 * texts and RUN_INDEX_TOKENS tokens (a suffix automaton costs about two states per token, ~40 MB here);
 * the verbatim guard itself covers every source text.
 */
export const RUN_INDEX_TEXTS = 2_000;
export const RUN_INDEX_TOKENS = 100_000;

export interface SynthesizeOptions {
  rows: number;
  seed: number;
  /** Builds the generator of each text field; default: the embedded n-gram model. */
  generator?: TextGeneratorFactory;
}

export interface Synthesis {
  /** The synthetic records, `syn-1` … `syn-<rows>`; iterate once. */
  records: AsyncIterable<DatasetRecord>;
  /** Resolves once `records` has been read to the end; rejects if it failed or was abandoned. */
  report: Promise<SyntheticReport>;
}

export const ngramGenerator: TextGeneratorFactory = (corpus) => new NgramTextGenerator(corpus.textsByLabel, corpus.guard);

/** A sub-stream seed per purpose, so one use of randomness never shifts another's. */
function streamSeed(seed: number, purpose: number): number {
  let h = Math.imul((seed ^ Math.imul(purpose + 1, 0x9e3779b9)) >>> 0, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The split of the i-th row (0-based): the one furthest below its share so far, so counts follow the fractions within one row. */
function splitChooser(fractions: Record<Split, number>): (index: number) => Split {
  const counts: Record<Split, number> = { train: 0, validation: 0, test: 0 };
  return (index) => {
    let best: Split = SPLITS[0];
    let bestDeficit = -Infinity;
    for (const split of SPLITS) {
      const deficit = fractions[split] * (index + 1) - counts[split];
      if (deficit > bestDeficit) [best, bestDeficit] = [split, deficit];
    }
    counts[best]++;
    return best;
  };
}

function validate(options: SynthesizeOptions): void {
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > MAX_ROWS) {
    throw new SynthesisError(SynthesisErrorCode.OPTIONS_INVALID, `rows must be an integer from 1 to ${MAX_ROWS}`);
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new SynthesisError(SynthesisErrorCode.OPTIONS_INVALID, 'seed must be an integer from 0 to 2^32 - 1');
  }
}

/** Synthesizes from records in memory (or any iterable: it is read once). */
export function synthesize(source: Iterable<DatasetRecord>, schema: DatasetSchema, options: SynthesizeOptions): Synthesis {
  const pass = sourcePass(schema, options);
  for (const record of source) pass.offer(record);
  return pass.synthesis();
}

/** Synthesizes from a stream of records (a version read from the database), in one pass and bounded memory. */
export async function synthesizeStream(
  source: AsyncIterable<DatasetRecord>,
  schema: DatasetSchema,
  options: SynthesizeOptions,
): Promise<Synthesis> {
  const pass = sourcePass(schema, options);
  for await (const record of source) pass.offer(record);
  return pass.synthesis();
}

/** One pass over the source: the fitting reservoir, the split fractions, the verbatim guard, the copy index. */
function sourcePass(schema: DatasetSchema, options: SynthesizeOptions): { offer(record: DatasetRecord): void; synthesis(): Synthesis } {
  validate(options);
  const textFields = schema.fields.filter((field) => field.type === 'text').map((field) => field.name);
  const codec = tableCodec(schema);
  const reservoir = new Reservoir<Row>(FIT_ROWS, seededRandom(streamSeed(options.seed, 0)));
  const splitCounts: Record<Split, number> = { train: 0, validation: 0, test: 0 };
  const guards = new Map(textFields.map((field) => [field, new VerbatimGuard()]));
  const sourceTexts = new Map(
    textFields.map((field) => [field, new Reservoir<string>(RUN_INDEX_TEXTS, seededRandom(streamSeed(options.seed, 1)))]),
  );
  const sourceKeys = new Set<number>();
  return {
    offer(record) {
      const row = codec.encode(record);
      reservoir.offer(row);
      sourceKeys.add(windowHash([rowKey(row, codec.columns)], 0, 1));
      splitCounts[record.split]++;
      for (const field of textFields) {
        const value = record.data[field];
        if (typeof value !== 'string' || value === '') continue;
        guards.get(field)!.add(value);
        sourceTexts.get(field)!.offer(value);
      }
    },
    synthesis: () => build({ options, codec, reservoir, splitCounts, guards, sourceTexts, sourceKeys, textFields }),
  };
}

interface SourceIndex {
  options: SynthesizeOptions;
  codec: TableCodec;
  reservoir: Reservoir<Row>;
  splitCounts: Record<Split, number>;
  guards: Map<string, VerbatimGuard>;
  sourceTexts: Map<string, Reservoir<string>>;
  sourceKeys: Set<number>;
  textFields: string[];
}

function build(index: SourceIndex): Synthesis {
  const { options, codec, reservoir, splitCounts, guards, sourceTexts, sourceKeys, textFields } = index;
  const { rows, seed } = options;
  const columns = codec.columns;
  if (reservoir.seen === 0) throw new SynthesisError(SynthesisErrorCode.NOT_ENOUGH_ROWS, 'the source version has no records');

  // Seeded holdout, never shown to the synthesizer.
  const holdoutSeed = streamSeed(seed, 2);
  const holdoutRandom = seededRandom(holdoutSeed);
  const sample = reservoir.items;
  for (let i = sample.length - 1; i > 0; i--) {
    const j = Math.floor(holdoutRandom() * (i + 1));
    [sample[i], sample[j]] = [sample[j]!, sample[i]!];
  }
  const holdoutSize = sample.length < MIN_HOLDOUT_SOURCE ? 0 : Math.min(Math.round(sample.length * HOLDOUT_SHARE), HOLDOUT_ROWS);
  const holdout = sample.slice(0, holdoutSize);
  const train = sample.slice(holdoutSize);

  // The copula over every non-text column (fields, label, confidence).
  const copulaColumns = columns.flatMap((column, index) => (column.type === 'text' ? [] : [index]));
  const kinds = copulaColumns.map((index) => cellKind(columns[index]!.type) as 'number' | 'category');
  const model = fitGaussianCopula(
    train.map((row) => copulaColumns.map((index) => row[index] ?? null)),
    kinds,
    seededRandom(streamSeed(seed, 3)),
  );

  // One generator per text field, trained on the fitting rows' texts of each label.
  const factory = options.generator ?? ngramGenerator;
  const generators = new Map<number, TextGenerator>();
  for (const field of textFields) {
    const index = columns.findIndex((column) => column.name === field);
    const textsByLabel = new Map<string, string[]>();
    for (const row of train) {
      const text = row[index];
      const label = row[codec.labelIndex];
      if (typeof text !== 'string' || typeof label !== 'string') continue;
      let texts = textsByLabel.get(label);
      if (!texts) textsByLabel.set(label, (texts = []));
      texts.push(text);
    }
    const corpus: TextCorpus = { field, textsByLabel, guard: guards.get(field)! };
    generators.set(index, factory(corpus));
  }
  const sourceRuns = new Map<string, SourceRuns>();
  for (const [field, texts] of sourceTexts) {
    const runs = new SourceRuns();
    for (const text of texts.items) {
      if (runs.tokens >= RUN_INDEX_TOKENS) break;
      runs.add(text);
    }
    sourceRuns.set(field, runs);
  }

  const total = splitCounts.train + splitCounts.validation + splitCounts.test;
  const chooseSplit = splitChooser({
    train: splitCounts.train / total,
    validation: splitCounts.validation / total,
    test: splitCounts.test / total,
  });

  let settle!: { resolve: (report: SyntheticReport) => void; reject: (error: unknown) => void };
  const report = new Promise<SyntheticReport>((resolve, reject) => (settle = { resolve, reject }));
  // The caller may read the records and never ask for the report: its failure must not crash the process.
  report.catch(() => undefined);

  async function* records(): AsyncGenerator<DatasetRecord> {
    let finished = false;
    try {
      const next = copulaSampler(model, seededRandom(streamSeed(seed, 4)));
      const kept = new Reservoir<Row>(REPORT_SYNTHETIC_ROWS, seededRandom(streamSeed(seed, 5)));
      let exactCopies = 0;
      for (let start = 0, chunk = 0; start < rows; start += CHUNK_ROWS, chunk++) {
        const size = Math.min(CHUNK_ROWS, rows - start);
        const chunkRows: Row[] = [];
        for (let r = 0; r < size; r++) {
          const row: Row = new Array<Cell>(columns.length).fill(null);
          const sampled = next();
          copulaColumns.forEach((index, j) => (row[index] = sampled[j] ?? null));
          chunkRows.push(row);
        }
        for (const [index, generator] of generators)
          await fillTexts(chunkRows, index, codec.labelIndex, generator, guards.get(columns[index]!.name)!, seed, chunk);
        for (const [r, row] of chunkRows.entries()) {
          const n = start + r;
          if (sourceKeys.has(windowHash([rowKey(row, columns)], 0, 1))) exactCopies++;
          kept.offer(row);
          yield {
            id: `syn-${n + 1}`,
            itemId: null,
            split: chooseSplit(n),
            media: null,
            source: 'synthetic',
            method: null,
            annotations: [],
            ...codec.decode(row),
          };
        }
      }
      finished = true;
      settle.resolve(
        syntheticReport({
          columns,
          labelIndex: codec.labelIndex,
          real: train,
          holdout,
          holdoutSeed,
          synthetic: kept.items,
          syntheticTotal: rows,
          exactCopies,
          seed,
          random: seededRandom(streamSeed(seed, 6)),
          synthesizer: {
            method: 'Gaussian copula (after SDV GaussianCopulaSynthesizer)',
            marginals:
              'empirical (mid-rank CDF, interpolated inverse) for numbers and dates; frequency intervals (UniformEncoder) for categories',
            correlationRepair: model.repair,
            sourceRows: total,
            fitRows: train.length,
            ...(generators.size
              ? { textGenerator: [...generators.values()][0]!.name, verbatimRun: guards.values().next().value!.run }
              : {}),
          },
          sourceRuns,
          guardRun: guards.values().next().value?.run ?? 0,
        }),
      );
    } catch (error) {
      finished = true;
      settle.reject(error);
      throw error;
    } finally {
      if (!finished) settle.reject(new SynthesisError(SynthesisErrorCode.INCOMPLETE, 'the synthetic records were not read to the end'));
    }
  }

  return { records: records(), report };
}

/** Fills the text column of a chunk: per label, as many guarded texts as rows; rows left over keep a missing text. */
async function fillTexts(
  chunk: Row[],
  index: number,
  labelIndex: number,
  generator: TextGenerator,
  guard: VerbatimGuard,
  seed: number,
  chunkIndex: number,
): Promise<void> {
  const byLabel = new Map<string, number[]>();
  chunk.forEach((row, r) => {
    const label = row[labelIndex];
    if (typeof label !== 'string') return;
    let rowsOfLabel = byLabel.get(label);
    if (!rowsOfLabel) byLabel.set(label, (rowsOfLabel = []));
    rowsOfLabel.push(r);
  });
  for (const [label, rowsOfLabel] of byLabel) {
    let filled = 0;
    for await (const text of generator.generate(label, rowsOfLabel.length, streamSeed(seed, 1_000 + chunkIndex))) {
      if (!guard.allows(text)) continue;
      chunk[rowsOfLabel[filled++]!]![index] = text;
      if (filled === rowsOfLabel.length) break;
    }
  }
}
