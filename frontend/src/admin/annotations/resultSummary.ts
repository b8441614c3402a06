import { isPlainObject } from '../json/jsonValue';

/** One line about a result, by its shape: `{label}`, `{labels}`, `{spans}`, `{boxes}` or `{text}`. */
export type ResultSummary = { kind: 'text'; text: string } | { kind: 'spans' | 'boxes'; count: number } | { kind: 'noLabels' | 'empty' };

const MAX_SUMMARY_CHARS = 100;

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SUMMARY_CHARS ? `${line.slice(0, MAX_SUMMARY_CHARS - 1)}…` : line;
}

export function summarizeResult(result: unknown): ResultSummary {
  if (isPlainObject(result)) {
    const { label, labels, spans, boxes, text } = result;
    if (typeof label === 'string') return { kind: 'text', text: label };
    if (Array.isArray(labels))
      return labels.length === 0 ? { kind: 'noLabels' } : { kind: 'text', text: truncate(labels.map(String).join(', ')) };
    if (Array.isArray(spans)) return { kind: 'spans', count: spans.length };
    if (Array.isArray(boxes)) return { kind: 'boxes', count: boxes.length };
    if (typeof text === 'string') return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: truncate(text) };
  }
  return { kind: 'text', text: truncate(JSON.stringify(result) ?? '') };
}

/** Milliseconds as seconds with one decimal: 12345 -> "12.3". */
export function leadTimeSeconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
