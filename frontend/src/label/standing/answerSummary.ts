import { t } from '../../i18n/i18n';

const MAX_TEXT = 60;

/** A label's answer in a few words, for a table cell. */
export function answerSummary(result: unknown): string {
  if (typeof result !== 'object' || result === null) return '—';
  const value = result as Record<string, unknown>;
  if (typeof value['label'] === 'string') return value['label'];
  if (Array.isArray(value['labels'])) return value['labels'].length > 0 ? value['labels'].join(', ') : '—';
  if (Array.isArray(value['spans'])) return t('tessera.standing.spansCount', { count: value['spans'].length });
  if (Array.isArray(value['boxes'])) return t('tessera.standing.boxesCount', { count: value['boxes'].length });
  if (typeof value['text'] === 'string') return value['text'].length > MAX_TEXT ? `${value['text'].slice(0, MAX_TEXT)}…` : value['text'];
  return '—';
}
