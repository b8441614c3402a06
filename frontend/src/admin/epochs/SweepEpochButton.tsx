import { useMutation } from '@tanstack/react-query';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Epoch } from '../types';

/** Whether the epoch's unclaimed tokens may be swept back: a posted claim epoch past its expiry. */
export function canSweep(epoch: Pick<Epoch, 'mode' | 'status' | 'expiresAt'>, now = Date.now()): boolean {
  return epoch.mode === 'claim' && epoch.status === 'posted' && new Date(epoch.expiresAt).getTime() <= now;
}

/** Queues the sweep of an expired claim epoch; shown only when the epoch can be swept. */
export function SweepEpochButton() {
  const epoch = useRecordContext<Epoch>();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const sweep = useMutation({
    mutationFn: (id: Epoch['id']) => dataProvider.sweepEpoch(id),
    onSuccess: () => {
      notify('tessera.admin.epochs.sweepQueued', { type: 'success' });
      refresh();
    },
    onError: (error) => notify('tessera.admin.epochs.sweepFailed', { type: 'error', messageArgs: { message: error.message } }),
  });
  if (!epoch || !canSweep(epoch)) return null;
  return <Button label="tessera.admin.epochs.sweep" disabled={sweep.isPending} onClick={() => sweep.mutate(epoch.id)} />;
}
