import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useState, type MouseEvent } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRefresh, useTranslate, useUpdate } from 'react-admin';
import { shortAddress } from '../address';
import type { Suspension } from '../types';

/** Lifts an active suspension (`PUT {active: false}`) after a confirmation; nothing on lifted ones. */
export function LiftButton() {
  const record = useRecordContext<Suspension>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'suspensions', action: 'edit', record });
  const [update, { isPending }] = useUpdate<Suspension>();
  if (!record || !record.active || canAccess === false) return null;

  function lift() {
    if (!record) return;
    void update(
      'suspensions',
      { id: record.id, data: { active: false }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('tessera.admin.suspensions.liftDone', { type: 'success' });
          refresh();
        },
        onError: (error) => {
          setOpen(false);
          notify('tessera.admin.suspensions.liftFailed', {
            type: 'error',
            messageArgs: { message: error instanceof Error ? error.message : String(error) },
          });
        },
      },
    );
  }

  return (
    // Clicks here, the dialog's included (React bubbles through portals), are not the row's click (show).
    <span onClick={(event: MouseEvent) => event.stopPropagation()}>
      <Button
        label="tessera.admin.suspensions.lift"
        aria-label={translate('tessera.admin.suspensions.liftLabel', { id: record.id })}
        onClick={() => setOpen(true)}
        disabled={isPending}
      >
        <LockOpenIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="tessera.admin.suspensions.liftTitle"
        titleTranslateOptions={{ id: record.id }}
        content="tessera.admin.suspensions.liftContent"
        contentTranslateOptions={{ address: shortAddress(record.annotatorAddress) }}
        confirm="tessera.admin.suspensions.lift"
        onConfirm={lift}
        onClose={() => setOpen(false)}
      />
    </span>
  );
}
