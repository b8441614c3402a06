import { t } from '../../i18n/i18n';
import type { EarningsTotals as Totals } from './types';

const TOTALS = ['pending', 'claimable', 'claimed', 'expired'] as const;

/** The four sums: credited but not yet paid out, ready to claim, claimed, lost to expiry. */
export function EarningsTotals({ totals }: { totals: Totals }) {
  return (
    <dl className="earnings-totals">
      {TOTALS.map((name) => (
        <div key={name} className={`card total total-${name}`}>
          <dt>{t(`tessera.earnings.totals.${name}`)}</dt>
          <dd className="total-amount">{t('tessera.earnings.amount', { amount: totals[name] })}</dd>
          <dd className="hint">{t(`tessera.earnings.totals.${name}Help`)}</dd>
        </div>
      ))}
    </dl>
  );
}
