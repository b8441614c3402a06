import { t } from '../../i18n/i18n';
import type { DatasetSalesShare } from './types';

/** "Dataset sales": what the sales of each dataset holding the annotator's labels paid them. */
export function DatasetSales({ shares }: { shares: DatasetSalesShare[] }) {
  return (
    <section className="earnings-section" aria-labelledby="dataset-sales-title">
      <h2 id="dataset-sales-title">{t('tessera.earnings.datasetSales.title')}</h2>
      <p className="help">{t('tessera.earnings.datasetSales.explain')}</p>
      {shares.length === 0 ? (
        <p className="empty-list">{t('tessera.earnings.datasetSales.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="earnings-table stacked" aria-labelledby="dataset-sales-title">
            <thead>
              <tr>
                <th scope="col">{t('tessera.earnings.datasetSales.dataset')}</th>
                <th scope="col" className="number">
                  {t('tessera.earnings.datasetSales.sales')}
                </th>
                <th scope="col" className="number">
                  {t('tessera.earnings.datasetSales.labels')}
                </th>
                <th scope="col" className="number">
                  {t('tessera.earnings.datasetSales.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shares.map((share) => (
                <tr key={share.versionId ?? 'none'}>
                  <td data-label={t('tessera.earnings.datasetSales.dataset')}>
                    {share.name ?? t('tessera.earnings.datasetSales.unnamed', { id: String(share.versionId ?? '?') })}
                  </td>
                  <td className="number" data-label={t('tessera.earnings.datasetSales.sales')}>
                    {share.sales}
                  </td>
                  <td className="number" data-label={t('tessera.earnings.datasetSales.labels')}>
                    {share.labels}
                  </td>
                  <td className="number" data-label={t('tessera.earnings.datasetSales.amount')}>
                    {t('tessera.earnings.amount', { amount: share.amount })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
