import type { Box, LabelResult, ProjectType, Span } from './types';

/** The annotator's work on one item, by project type; what the widgets edit and undo walks back. */
export type Answer =
  | { type: 'classification'; label: string | null }
  | { type: 'multilabel'; labels: string[] }
  | { type: 'spans'; spans: Span[] }
  | { type: 'boxes'; boxes: Box[] }
  | { type: 'text'; text: string };

export function emptyAnswer(type: ProjectType): Answer {
  switch (type) {
    case 'classification':
      return { type, label: null };
    case 'multilabel':
      return { type, labels: [] };
    case 'spans':
      return { type, spans: [] };
    case 'boxes':
      return { type, boxes: [] };
    case 'text':
      return { type, text: '' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSpan(value: unknown, labels: readonly string[]): value is Span {
  return (
    isRecord(value) &&
    Number.isInteger(value['start']) &&
    Number.isInteger(value['end']) &&
    typeof value['label'] === 'string' &&
    labels.includes(value['label'])
  );
}

function isBox(value: unknown, labels: readonly string[]): value is Box {
  return (
    isRecord(value) &&
    ['x', 'y', 'w', 'h'].every((key) => Number.isFinite(value[key])) &&
    typeof value['label'] === 'string' &&
    labels.includes(value['label'])
  );
}

/**
 * Rebuilds an answer from a draft the server kept. Drafts are whatever this app saved (the result
 * shape); anything unreadable or naming labels the project no longer has is dropped, never trusted.
 */
export function answerFromDraft(type: ProjectType, labels: readonly string[], draft: unknown): Answer {
  const empty = emptyAnswer(type);
  if (!isRecord(draft)) return empty;
  switch (type) {
    case 'classification': {
      const label = draft['label'];
      return typeof label === 'string' && labels.includes(label) ? { type, label } : empty;
    }
    case 'multilabel': {
      const chosen = Array.isArray(draft['labels']) ? draft['labels'] : [];
      return { type, labels: labels.filter((label) => chosen.includes(label)) };
    }
    case 'spans': {
      const spans = Array.isArray(draft['spans']) ? draft['spans'] : [];
      return { type, spans: spans.filter((span) => isSpan(span, labels)) };
    }
    case 'boxes': {
      const boxes = Array.isArray(draft['boxes']) ? draft['boxes'] : [];
      return { type, boxes: boxes.filter((box) => isBox(box, labels)) };
    }
    case 'text':
      return typeof draft['text'] === 'string' ? { type, text: draft['text'] } : empty;
  }
}

/** What a draft saves: the result shape, incomplete allowed (`{label: null}`). */
export function toDraft(answer: Answer): unknown {
  switch (answer.type) {
    case 'classification':
      return { label: answer.label };
    case 'multilabel':
      return { labels: answer.labels };
    case 'spans':
      return { spans: answer.spans };
    case 'boxes':
      return { boxes: answer.boxes };
    case 'text':
      return { text: answer.text };
  }
}

/** Why an answer cannot be sent yet. */
export type Incomplete = 'needLabel' | 'needText';

/** The result to submit, or why it is not ready. Empty span and box lists are valid answers. */
export function toResult(answer: Answer): { ok: true; result: LabelResult } | { ok: false; reason: Incomplete } {
  switch (answer.type) {
    case 'classification':
      return answer.label === null ? { ok: false, reason: 'needLabel' } : { ok: true, result: { label: answer.label } };
    case 'multilabel':
      return { ok: true, result: { labels: answer.labels } };
    case 'spans':
      return { ok: true, result: { spans: [...answer.spans].sort((a, b) => a.start - b.start || a.end - b.end) } };
    case 'boxes':
      return { ok: true, result: { boxes: answer.boxes } };
    case 'text':
      return answer.text.trim() === '' ? { ok: false, reason: 'needText' } : { ok: true, result: { text: answer.text } };
  }
}
