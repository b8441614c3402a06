import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { en as appMessages } from '../../i18n/messages.en';
import { adminMessages } from './admin-messages.en';

/** react-admin's English, then the shared `tessera.*` catalogue, then the console's own keys. */
export const messages = mergeTranslations(englishMessages, appMessages, adminMessages) as TranslationMessages;

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', [{ locale: 'en', name: 'English' }], { allowMissing: true });
