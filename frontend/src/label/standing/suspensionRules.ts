import { t } from '../../i18n/i18n';

/** A rule that fired, as the server stores it: `rule` and the rule's own measurements. */
type Reason = Record<string, unknown> & { rule?: unknown };

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : fallback;
}

function percent(share: unknown): string {
  return `${Math.round(num(share) * 100)} %`;
}

/** One sentence per rule that fired, with its measurements; an unknown rule is named, never dropped. */
export function describeReasons(reasons: unknown): string[] {
  if (!Array.isArray(reasons)) return [];
  return reasons.map((raw: unknown) => {
    const reason: Reason = typeof raw === 'object' && raw !== null ? (raw as Reason) : {};
    switch (reason.rule) {
      case 'too_fast':
        return t('tessera.standing.rules.too_fast', {
          labels: num(reason['labels']),
          seconds: (num(reason['medianServerTimeMs']) / 1000).toFixed(1),
        });
      case 'straight_lining':
        return t('tessera.standing.rules.straight_lining', {
          answer: text(reason['answer'], ''),
          share: percent(reason['share']),
          crowdShare: percent(reason['crowdTopShare']),
        });
      case 'gold_failures':
        return t('tessera.standing.rules.gold_failures', { correct: num(reason['goldCorrect']), seen: num(reason['goldSeen']) });
      case 'admin':
        return t('tessera.standing.rules.admin', { note: text(reason['note'], '—') });
      default:
        return t('tessera.standing.rules.unknown', { rule: text(reason.rule, '?') });
    }
  });
}
