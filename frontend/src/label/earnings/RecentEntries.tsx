import { t } from '../../i18n/i18n';
import { formatDate, signedAmount } from './earnings';
import type { LedgerEntry } from './types';

/** The latest credits and debits of the annotator's reward ledger; reversals count negative. */
export function RecentEntries({ entries }: { entries: LedgerEntry[] }) {
  return (
    <section className="earnings-section" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('tessera.earnings.recent.title')}</h2>
      {entries.length === 0 ? (
        <p className="empty-list">{t('tessera.earnings.recent.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="earnings-table stacked" aria-labelledby="recent-title">
            <thead>
              <tr>
                <th scope="col">{t('tessera.earnings.recent.date')}</th>
                <th scope="col">{t('tessera.earnings.recent.kind')}</th>
                <th scope="col">{t('tessera.earnings.recent.project')}</th>
                <th scope="col" className="number">
                  {t('tessera.earnings.recent.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const amount = signedAmount(entry);
                return (
                  <tr key={entry.id}>
                    <td data-label={t('tessera.earnings.recent.date')}>{formatDate(entry.createdAt)}</td>
                    <td data-label={t('tessera.earnings.recent.kind')}>{t(`tessera.earnings.kinds.${entry.kind}`)}</td>
                    <td data-label={t('tessera.earnings.recent.project')}>{entry.projectName ?? t('tessera.earnings.none')}</td>
                    <td className={`number${amount.startsWith('-') ? ' negative' : ''}`} data-label={t('tessera.earnings.recent.amount')}>
                      {t('tessera.earnings.amount', { amount })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
