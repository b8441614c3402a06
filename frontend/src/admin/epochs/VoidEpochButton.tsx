import BlockIcon from '@mui/icons-material/Block';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Epoch } from '../types';

/** Only an epoch whose transactions failed for good can be voided (the server says why otherwise). */
export function canVoid(epoch: Pick<Epoch, 'status'>): boolean {
  return epoch.status === 'failed';
}

/**
 * Voids a failed epoch after a confirmation: its shares not paid on chain go back to the annotators'
 * pending earnings and into the next epoch. Shown only on failed epochs.
 */
export function VoidEpochButton() {
  const epoch = useRecordContext<Epoch>();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const voiding = useMutation({
    mutationFn: (id: Epoch['id']) => dataProvider.voidEpoch(id),
    onSuccess: () => {
      setOpen(false);
      notify('tessera.admin.epochs.voidDone', { type: 'success' });
      refresh();
    },
    onError: (error) => {
      setOpen(false);
      notify('tessera.admin.epochs.voidFailed', { type: 'error', messageArgs: { message: error.message } });
    },
  });
  if (!epoch || !canVoid(epoch)) return null;
  return (
    <>
      <Button label="tessera.admin.epochs.void" color="error" disabled={voiding.isPending} onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={voiding.isPending}
        title="tessera.admin.epochs.voidTitle"
        titleTranslateOptions={{ id: epoch.id }}
        content="tessera.admin.epochs.voidContent"
        confirm="tessera.admin.epochs.void"
        confirmColor="warning"
        onConfirm={() => voiding.mutate(epoch.id)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
