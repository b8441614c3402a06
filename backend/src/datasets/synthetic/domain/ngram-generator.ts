/**
 * The embedded text generator: one word n-gram model per label (order 3 by default), trained on the
 * source texts of that label, sampled with Witten-Bell backoff (Witten & Bell 1991; Chen & Goodman
 * 1998, "An empirical study of smoothing techniques for language modeling", §2.5): in a context h seen
 * c(h) times with T(h) distinct continuations, the next token is drawn from h's observed continuations
 * with probability c(h) / (c(h) + T(h)), otherwise from the next shorter context, down to the label's
 * unigram distribution. Texts start after the <s> context and end at </s> or at the longest length the
 * label's sources have.
 *
 * The verbatim guard is applied while writing (a token that would complete a source run of the guard's
 * length is re-drawn from shorter contexts) and to the finished text (a source text is re-drawn, at most
 * MAX_TRIES times per requested text), so a label whose sources leave too little freedom yields fewer
 * texts rather than a copy.
 *
 * Why n-grams: no npm package ships the weights of a neural text model, and the default must run on
 * two CPU cores without downloads; an OpenAI-compatible endpoint (SYNTH_LLM_URL) is the stronger
 * option when one is available.
 */
import { seededRandom } from '../../../quality/domain/seeded-random.js';
import { tokens, windowHash, type VerbatimGuard } from './verbatim-guard.js';

export const NGRAM_ORDER = 3;
export const MAX_TRIES = 20;
/** Draws of one token before a text that can only continue by copying ends. */
export const TOKEN_RETRIES = 8;
const START = '\u0002';
const END = '\u0003';

interface Continuations {
  /** Every continuation as seen (sampling one uniformly is sampling the empirical distribution). */
  next: string[];
  distinct: number;
}

interface LabelModel {
  /** contexts[k]: contexts of k tokens (k = 0: the unigram distribution). */
  contexts: Array<Map<string, Continuations>>;
  maxLength: number;
}

function train(texts: readonly string[], order: number): LabelModel {
  const contexts = Array.from({ length: order }, () => new Map<string, Continuations>());
  const distinct = new Map<Continuations, Set<string>>();
  let maxLength = 0;
  for (const text of texts) {
    const words = tokens(text);
    if (words.length === 0) continue;
    maxLength = Math.max(maxLength, words.length);
    const padded = [...new Array<string>(order - 1).fill(START), ...words, END];
    for (let i = order - 1; i < padded.length; i++) {
      const word = padded[i]!;
      for (let k = 0; k < order; k++) {
        const key = padded.slice(i - k, i).join(' ');
        let entry = contexts[k]!.get(key);
        if (!entry) contexts[k]!.set(key, (entry = { next: [], distinct: 0 }));
        let seen = distinct.get(entry);
        if (!seen) distinct.set(entry, (seen = new Set()));
        seen.add(word);
        entry.next.push(word);
      }
    }
  }
  for (const [entry, seen] of distinct) entry.distinct = seen.size;
  return { contexts, maxLength };
}

function hashLabel(label: string, seed: number): number {
  return (windowHash([label], 0, 1) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

export class NgramTextGenerator {
  readonly name: string;
  private readonly _models = new Map<string, LabelModel>();

  constructor(
    textsByLabel: ReadonlyMap<string, readonly string[]>,
    private readonly _guard: VerbatimGuard,
    private readonly _order = NGRAM_ORDER,
  ) {
    this.name = `embedded word ${_order}-gram model per label, Witten-Bell backoff, verbatim guard of ${_guard.run} tokens`;
    for (const [label, texts] of textsByLabel) this._models.set(label, train(texts, _order));
  }

  /** The next token after `history`, the Witten-Bell walk starting at contexts of `longest` tokens. */
  private _next(model: LabelModel, history: readonly string[], longest: number, random: () => number): string | undefined {
    for (let k = longest; k >= 0; k--) {
      const entry = model.contexts[k]!.get(history.slice(history.length - k).join(' '));
      if (!entry) continue;
      // Witten-Bell: stay in this context with probability c / (c + T), else back off.
      if (k > 0 && random() >= entry.next.length / (entry.next.length + entry.distinct)) continue;
      return entry.next[Math.floor(random() * entry.next.length)]!;
    }
    return undefined;
  }

  private _draw(model: LabelModel, random: () => number): string {
    const out: string[] = [];
    const history = new Array<string>(this._order - 1).fill(START);
    while (out.length < model.maxLength) {
      let word: string | undefined;
      // A token that would complete a source run is re-drawn from ever shorter contexts (the shortest:
      // the label's unigrams); when every retry would, the text ends there.
      for (let retry = 0; retry < TOKEN_RETRIES; retry++) {
        const candidate = this._next(model, history, Math.max(this._order - 1 - retry, 0), random);
        if (candidate === undefined || candidate === END) break;
        out.push(candidate);
        const copies = this._guard.isSourceRun(out, out.length - this._guard.run);
        out.pop();
        if (!copies) {
          word = candidate;
          break;
        }
      }
      if (word === undefined) break;
      out.push(word);
      history.push(word);
      history.shift();
    }
    return out.join(' ');
  }

  generate(label: string, count: number, seed: number): AsyncIterable<string> {
    const texts = this.texts(label, count, seed);
    return {
      [Symbol.asyncIterator]: () => {
        const iterator = texts[Symbol.iterator]();
        return { next: () => Promise.resolve(iterator.next()) };
      },
    };
  }

  /** The same texts as `generate`, synchronously. */
  *texts(label: string, count: number, seed: number): Iterable<string> {
    const model = this._models.get(label);
    if (!model || model.maxLength === 0) return;
    const random = seededRandom(hashLabel(label, seed));
    for (let produced = 0; produced < count; produced++) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const text = this._draw(model, random);
        if (this._guard.allows(text)) {
          yield text;
          break;
        }
      }
    }
  }
}
