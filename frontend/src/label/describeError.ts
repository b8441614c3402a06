import { t } from '../i18n/i18n';
import { ApiError, NetworkError } from '../session/api';

/** A sentence for the annotator about a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return t('tessera.errors.network');
  if (error instanceof ApiError && error.code === 'QUALIFICATION_FAILED') return t('tessera.errors.qualificationFailed');
  if (error instanceof ApiError && error.code === 'ANNOTATOR_SUSPENDED') return t('tessera.errors.suspended');
  if (error instanceof ApiError && error.code === 'LEASE_LIMIT_REACHED') return t('tessera.errors.leaseLimit');
  if (error instanceof ApiError) return t('tessera.errors.unknown', { message: error.message });
  return t('tessera.errors.unknown', { message: error instanceof Error ? error.message : String(error) });
}
