/**
 * `tessera aggregate`: truth inference over a label file, written as `item,label,confidence` in the
 * order the items first appear in the input.
 */
import { open } from 'node:fs/promises';
import { inferTruth, TRUTH_METHODS, type TruthInference, type TruthMethodChoice } from '../quality/domain/truth-inference.js';
import { csvField, FileError, readGoldFile, readVotes } from './vote-file.js';

export const METHOD_CHOICES: readonly TruthMethodChoice[] = ['auto', ...TRUTH_METHODS];

export interface AggregateArgs {
  input: string;
  /** A path, or `-` for standard output. */
  output: string;
  method: TruthMethodChoice;
  gold?: string;
}

export interface AggregateSummary {
  votes: number;
  result: TruthInference;
  /** What the user should know about the input: votes dropped, gold that matched no item. */
  warnings: string[];
}

export async function runAggregate(args: AggregateArgs, stdout: NodeJS.WritableStream): Promise<AggregateSummary> {
  const { votes, duplicates } = await readVotes(args.input);
  const gold = args.gold === undefined ? undefined : await readGoldFile(args.gold);
  const warnings: string[] = [];
  if (duplicates > 0) {
    warnings.push(
      `${args.input}: ${duplicates} repeated votes dropped (a worker's later votes on an item they had voted on; the first is kept)`,
    );
  }
  if (gold !== undefined) {
    const items = new Set(votes.items);
    const matched = [...gold.keys()].filter((item) => items.has(item)).length;
    if (matched < gold.size) {
      warnings.push(`${args.gold}: ${gold.size - matched} of ${gold.size} gold items have no votes in ${args.input} and are not used`);
    }
  }
  const result = inferTruth(votes, { method: args.method, gold });
  await writeLines(args.output, stdout, resultLines(result));
  return { votes: votes.itemIdx.length, result, warnings };
}

function* resultLines(result: TruthInference): Generator<string> {
  yield 'item,label,confidence\n';
  for (const { item, label, confidence } of result.items) yield `${csvField(item)},${csvField(label)},${confidence.toFixed(6)}\n`;
}

const CHUNK = 1 << 16;

/** Writes in ~64 KiB chunks so a million rows never become one string. */
async function writeLines(output: string, stdout: NodeJS.WritableStream, lines: Iterable<string>): Promise<void> {
  const handle =
    output === '-'
      ? undefined
      : await open(output, 'w').catch((error: Error) => {
          throw new FileError(output, undefined, `cannot write: ${error.message}`);
        });
  const write = async (text: string): Promise<void> => {
    if (handle !== undefined) {
      await handle.write(text);
    } else if (!stdout.write(text)) {
      await new Promise<void>((resolve) => stdout.once('drain', () => resolve()));
    }
  };
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= CHUNK) {
        await write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await write(chunk);
  } finally {
    await handle?.close();
  }
}
