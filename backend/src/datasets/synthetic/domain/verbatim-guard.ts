/**
 * The verbatim guard every synthetic text passes, whichever generator wrote it: a text is refused when
 *   - it equals a source text (compared on its lower-cased tokens, so spacing and case do not hide a copy), or
 *   - it contains a run of VERBATIM_RUN = 8 consecutive tokens that occurs in any source text.
 * Eight tokens is the span the memorisation literature takes as verbatim reproduction of a training
 * text (Carlini et al. 2021 extract sequences from GPT-2 by their longer n-gram overlaps; common
 * n-gram-overlap decontamination in GPT-3 (Brown et al. 2020) uses 8- to 13-grams): shorter runs are
 * ordinary phrasing ("one of the best in the"), longer ones are quotation.
 *
 * The source index holds a 52-bit hash of every 8-token window (two independent 32-bit FNV-1a hashes
 * over the tokens): a collision can only refuse a harmless text, never let a copied run through, and
 * 1M windows take a few tens of MB.
 */

export const VERBATIM_RUN = 8;

/** Lower-cased whitespace tokens: what the guard, the n-gram model and the report compare. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token !== '');
}

const FNV_PRIME = 0x01000193;

function fnv(seed: number, parts: readonly string[], from: number, to: number): number {
  let hash = seed >>> 0;
  for (let i = from; i < to; i++) {
    const part = parts[i]!;
    for (let c = 0; c < part.length; c++) hash = Math.imul(hash ^ part.charCodeAt(c), FNV_PRIME) >>> 0;
    hash = Math.imul(hash ^ 0x1f, FNV_PRIME) >>> 0; // token separator
  }
  return hash;
}

/** A 52-bit hash of tokens[from, to): exact in a double, so Set<number> holds it without loss. */
export function windowHash(parts: readonly string[], from: number, to: number): number {
  const high = fnv(0x811c9dc5, parts, from, to) & 0xfffff;
  const low = fnv(0x050c5d1f, parts, from, to);
  return high * 2 ** 32 + low;
}

export class VerbatimGuard {
  private readonly _texts = new Set<number>();
  private readonly _windows = new Set<number>();

  constructor(readonly run = VERBATIM_RUN) {}

  /** Indexes one source text. */
  add(text: string): void {
    const parts = tokens(text);
    this._texts.add(windowHash(parts, 0, parts.length));
    for (let i = 0; i + this.run <= parts.length; i++) this._windows.add(windowHash(parts, i, i + this.run));
  }

  /** Whether `text` may be emitted: not a source text, no source run of `run` tokens. */
  allows(text: string): boolean {
    const parts = tokens(text);
    if (parts.length === 0) return false;
    if (this._texts.has(windowHash(parts, 0, parts.length))) return false;
    for (let i = 0; i + this.run <= parts.length; i++) if (this._windows.has(windowHash(parts, i, i + this.run))) return false;
    return true;
  }

  /** Whether parts[from, from + run) is a source run (the generators' check while they write). */
  isSourceRun(parts: readonly string[], from: number): boolean {
    return from >= 0 && from + this.run <= parts.length && this._windows.has(windowHash(parts, from, from + this.run));
  }

  get indexedWindows(): number {
    return this._windows.size;
  }
}
