import { t } from '../i18n/i18n';

/** The buyer catalogue arrives with the marketplace issue; the area and its route exist already. */
export default function MarketApp() {
  return (
    <main className="page">
      <h1>{t('tessera.app.name')}</h1>
      <p>{t('tessera.app.tagline')}</p>
    </main>
  );
}
