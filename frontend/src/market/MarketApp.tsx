import { t } from '../i18n/i18n';

/** The buyer area's home; the catalogue itself arrives with the marketplace. */
export default function MarketApp() {
  return (
    <main className="page" style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>{t('tessera.market.title')}</h1>
      <p>{t('tessera.market.soon')}</p>
      <p>
        <a href="/label">{t('tessera.market.toLabel')}</a>
      </p>
    </main>
  );
}
