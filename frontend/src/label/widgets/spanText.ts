import type { Span } from '../types';

/** A stretch of text between two span boundaries, with the spans that cover all of it. */
export interface Segment {
  start: number;
  end: number;
  spans: Span[];
}

/** Cuts the text at every span boundary, so each piece is rendered once with its highlights. */
export function segmentText(length: number, spans: readonly Span[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(length, span.start)));
    cuts.add(Math.max(0, Math.min(length, span.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    segments.push({ start, end, spans: spans.filter((span) => span.start <= start && span.end >= end) });
  }
  return segments;
}

/**
 * The UTF-16 offset into the container's text of a DOM boundary point (node, offset), as a Selection
 * reports it: counting the text before it is exact however the text is split into elements. Points
 * before or after the container clamp to its ends.
 */
export function textOffset(container: Node, node: Node, offset: number, length: number): number {
  const whole = document.createRange();
  whole.selectNodeContents(container);
  let where: number;
  try {
    where = whole.comparePoint(node, offset);
  } catch {
    return 0;
  }
  if (where < 0) return 0;
  if (where > 0) return length;
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(node, offset);
  return Math.min(length, before.toString().length);
}

/** The selection's anchor and focus as text offsets, when at least one end lies in the container. */
export function selectionPoints(
  container: Node,
  selection: Selection | null,
  length: number,
): { anchor: number; focus: number } | undefined {
  if (!selection || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return undefined;
  if (!container.contains(selection.anchorNode) && !container.contains(selection.focusNode)) return undefined;
  return {
    anchor: textOffset(container, selection.anchorNode, selection.anchorOffset, length),
    focus: textOffset(container, selection.focusNode, selection.focusOffset, length),
  };
}

/** The selected stretch of text, without surrounding white space; undefined when nothing is selected. */
export function selectedRange(container: Node, selection: Selection | null, text: string): { start: number; end: number } | undefined {
  const points = selectionPoints(container, selection, text.length);
  if (!points) return undefined;
  let start = Math.min(points.anchor, points.focus);
  let end = Math.max(points.anchor, points.focus);
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return start < end ? { start, end } : undefined;
}

/** The DOM point at a text offset, to put a selection back where the keyboard moved it. */
export function pointAt(container: Node, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let remaining = offset;
  let last: Text | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (remaining <= text.length) return { node: text, offset: remaining };
    remaining -= text.length;
    last = text;
  }
  return last ? { node: last, offset: last.length } : { node: container, offset: 0 };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** One character right or left, never splitting a surrogate pair (emoji, rare CJK). */
export function stepOffset(text: string, offset: number, direction: 1 | -1): number {
  if (direction > 0) {
    if (offset >= text.length) return text.length;
    return isHighSurrogate(text.charCodeAt(offset)) && isLowSurrogate(text.charCodeAt(offset + 1)) ? offset + 2 : offset + 1;
  }
  if (offset <= 0) return 0;
  return isLowSurrogate(text.charCodeAt(offset - 1)) && isHighSurrogate(text.charCodeAt(offset - 2)) ? offset - 2 : offset - 1;
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
}

const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}\p{Pc}]$/u;
/** Joiners that belong to a word when letters stand on both sides ("don't", "Berners-Lee"). */
const JOINERS = new Set(["'", '’', '-', '‐']);

function characterAt(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function characterBefore(text: string, offset: number): string {
  return offset <= 0 ? '' : characterAt(text, stepOffset(text, offset, -1));
}

/** Whether the character starting at `offset` is part of a word. */
export function isWordAt(text: string, offset: number): boolean {
  const character = characterAt(text, offset);
  if (WORD_CHARACTER.test(character)) return true;
  if (!JOINERS.has(character)) return false;
  return WORD_CHARACTER.test(characterBefore(text, offset)) && WORD_CHARACTER.test(characterAt(text, offset + character.length));
}

/** The start of the word that `offset` is inside of (or `offset` itself between words). */
export function wordStart(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const before = stepOffset(text, at, -1);
    if (!isWordAt(text, before)) break;
    at = before;
  }
  return at;
}

/** The end of the word that `offset` is inside of (or `offset` itself between words). */
export function wordEnd(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && isWordAt(text, at)) at = stepOffset(text, at, 1);
  return at;
}

/**
 * Widens a selection to whole words, as Label Studio does: an end that falls inside a word moves to
 * that word's edge; white space at either end is dropped. Undefined when nothing but space is left.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | undefined {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text[from] as string)) from++;
  while (to > from && /\s/.test(text[to - 1] as string)) to--;
  if (from >= to) return undefined;
  return { start: wordStart(text, from), end: wordEnd(text, to) };
}

/**
 * The next caret stop by word, as Ctrl+arrows in an editor: right goes to the end of the next word,
 * left to the start of the previous one, so Shift+arrows select whole words.
 */
export function stepWord(text: string, offset: number, direction: 1 | -1): number {
  let at = offset;
  if (direction > 0) {
    while (at < text.length && !isWordAt(text, at)) at = stepOffset(text, at, 1);
    return wordEnd(text, at);
  }
  while (at > 0 && !isWordAt(text, stepOffset(text, at, -1))) at = stepOffset(text, at, -1);
  return wordStart(text, at);
}

/** The labels of the spans ending at each offset, to print after the last piece of each span. */
export function labelsEndingAt(spans: readonly Span[]): Map<number, string[]> {
  const ends = new Map<number, string[]>();
  for (const span of sortSpans(spans)) ends.set(span.end, [...(ends.get(span.end) ?? []), span.label]);
  return ends;
}

/** The innermost span under a text offset (the shortest one covering it), as a click picks it. */
export function spanAt(spans: readonly Span[], offset: number): number | undefined {
  let best: number | undefined;
  spans.forEach((span, index) => {
    if (span.start > offset || span.end <= offset) return;
    const current = best === undefined ? undefined : spans[best];
    if (!current || span.end - span.start < current.end - current.start) best = index;
  });
  return best;
}
