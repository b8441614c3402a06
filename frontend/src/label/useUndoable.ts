import { useCallback, useRef, useState } from 'react';

const MAX_HISTORY = 200;
/** Typing into the same field within this time is one undo step, not one per key. */
const MERGE_WINDOW_MS = 1000;

interface History<T> {
  past: T[];
  present: T;
  /** The annotator's changes (set and undo) since the last reset: autosave watches it. */
  version: number;
}

export interface Undoable<T> {
  value: T;
  version: number;
  canUndo: boolean;
  /** Records a change; changes with the same `merge` key in quick succession are one step. */
  set: (next: T, options?: { merge?: string }) => void;
  undo: () => void;
  /** Starts over from a value (a new item), forgetting the history. */
  reset: (value: T) => void;
}

export function useUndoable<T>(initial: T): Undoable<T> {
  const [history, setHistory] = useState<History<T>>({ past: [], present: initial, version: 0 });
  const lastMerge = useRef<{ key: string; at: number } | undefined>(undefined);

  const set = useCallback((next: T, options: { merge?: string } = {}) => {
    const now = Date.now();
    const previous = lastMerge.current;
    const merge = options.merge !== undefined && previous?.key === options.merge && now - previous.at < MERGE_WINDOW_MS;
    lastMerge.current = options.merge === undefined ? undefined : { key: options.merge, at: now };
    setHistory((h) => ({
      past: merge ? h.past : [...h.past, h.present].slice(-MAX_HISTORY),
      present: next,
      version: h.version + 1,
    }));
  }, []);

  const undo = useCallback(() => {
    lastMerge.current = undefined;
    setHistory((h) => {
      const previous = h.past.at(-1);
      if (h.past.length === 0) return h;
      return { past: h.past.slice(0, -1), present: previous as T, version: h.version + 1 };
    });
  }, []);

  const reset = useCallback((value: T) => {
    lastMerge.current = undefined;
    setHistory({ past: [], present: value, version: 0 });
  }, []);

  return { value: history.present, version: history.version, canUndo: history.past.length > 0, set, undo, reset };
}
