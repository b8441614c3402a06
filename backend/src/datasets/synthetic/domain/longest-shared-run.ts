/**
 * The longest run of consecutive tokens a text shares with any source text: the longest common
 * substring over tokens, answered in O(|text|) per query by a suffix automaton of the source tokens
 * (Blumer et al. 1985; the standard matching-statistics walk). Source texts are joined with a
 * separator that no query contains, so a run never spans two source texts.
 */
import { tokens } from './verbatim-guard.js';

interface State {
  length: number;
  link: number;
  next: Map<number, number>;
}

export class SourceRuns {
  private readonly _ids = new Map<string, number>();
  private readonly _states: State[] = [{ length: 0, link: -1, next: new Map() }];
  private _last = 0;
  private _separator = -1;
  private _tokens = 0;
  private _texts = 0;

  /** Source texts indexed so far. */
  get texts(): number {
    return this._texts;
  }

  /** Source tokens indexed so far. */
  get tokens(): number {
    return this._tokens;
  }

  /** Adds one source text. */
  add(text: string): void {
    for (const token of tokens(text)) {
      this._extend(this._id(token));
      this._tokens++;
    }
    this._texts++;
    // A fresh separator per text: no two texts share it, and no query token maps to a negative id.
    this._extend(this._separator--);
  }

  private _id(token: string): number {
    let id = this._ids.get(token);
    if (id === undefined) this._ids.set(token, (id = this._ids.size));
    return id;
  }

  private _extend(symbol: number): void {
    const states = this._states;
    const current = states.length;
    states.push({ length: states[this._last]!.length + 1, link: -1, next: new Map() });
    let p = this._last;
    while (p !== -1 && !states[p]!.next.has(symbol)) {
      states[p]!.next.set(symbol, current);
      p = states[p]!.link;
    }
    if (p === -1) {
      states[current]!.link = 0;
    } else {
      const q = states[p]!.next.get(symbol)!;
      if (states[p]!.length + 1 === states[q]!.length) {
        states[current]!.link = q;
      } else {
        const clone = states.length;
        states.push({ length: states[p]!.length + 1, link: states[q]!.link, next: new Map(states[q]!.next) });
        while (p !== -1 && states[p]!.next.get(symbol) === q) {
          states[p]!.next.set(symbol, clone);
          p = states[p]!.link;
        }
        states[q]!.link = clone;
        states[current]!.link = clone;
      }
    }
    this._last = current;
  }

  /** Length in tokens of the longest run of `text` that occurs in a source text. */
  longestRun(text: string): number {
    const states = this._states;
    let state = 0;
    let length = 0;
    let best = 0;
    for (const token of tokens(text)) {
      const symbol = this._ids.get(token);
      if (symbol === undefined) {
        state = 0;
        length = 0;
        continue;
      }
      while (state !== 0 && !states[state]!.next.has(symbol)) {
        state = states[state]!.link;
        length = states[state]!.length;
      }
      const next = states[state]!.next.get(symbol);
      if (next === undefined) {
        length = 0;
      } else {
        state = next;
        length++;
      }
      best = Math.max(best, length);
    }
    return best;
  }
}
