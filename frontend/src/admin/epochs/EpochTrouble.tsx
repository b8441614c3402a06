import { Alert } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Epoch } from '../types';

/**
 * What stands in the epoch's way, in words: transactions being retried (nothing is lost, nothing
 * to do), a failure for good (void it), or a void already done.
 */
export function EpochTrouble() {
  const epoch = useRecordContext<Epoch>();
  const translate = useTranslate();
  if (!epoch) return null;
  if (epoch.status === 'failed') {
    return <Alert severity="error">{translate('tessera.admin.epochs.failedHelp', { error: epoch.lastError ?? '—' })}</Alert>;
  }
  if (epoch.status === 'voided') {
    return <Alert severity="info">{translate('tessera.admin.epochs.voidedHelp')}</Alert>;
  }
  if (epoch.retrying) {
    return (
      <Alert severity="warning">
        {translate('tessera.admin.epochs.retryingHelp', { count: epoch.pendingTxs, error: epoch.lastError ?? '—' })}
      </Alert>
    );
  }
  return null;
}
