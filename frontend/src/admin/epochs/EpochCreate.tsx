import { Alert } from '@mui/material';
import { Create, HttpError, NumberInput, SaveButton, SelectInput, SimpleForm, Toolbar, useNotify, useTranslate } from 'react-admin';
import { epochModeChoices } from './choices';
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS, validateCloseEpoch, type CloseEpochValues } from './epochValidation';

const defaults: CloseEpochValues = { mode: 'claim', expiresInDays: DEFAULT_EXPIRY_DAYS };

function errorCode(error: unknown): string | undefined {
  if (!(error instanceof HttpError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const { code } = error.body as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** The defaults are a valid request: closing must not wait for an edit. */
function CloseEpochToolbar() {
  return (
    <Toolbar>
      <SaveButton label="tessera.admin.epochs.close" alwaysEnable />
    </Toolbar>
  );
}

/** "Close epoch": every credit not yet in an epoch goes into one payout (POST /api/epochs). */
export function EpochCreate() {
  const translate = useTranslate();
  const notify = useNotify();

  function onError(error: unknown) {
    if (errorCode(error) === 'NOTHING_TO_PAY') {
      notify('tessera.admin.epochs.nothingToPay', { type: 'warning' });
      return;
    }
    notify('tessera.admin.epochs.closeFailed', {
      type: 'error',
      messageArgs: { message: error instanceof Error ? error.message : String(error) },
    });
  }

  return (
    <Create title="tessera.admin.epochs.closeTitle" redirect="show" record={defaults} mutationOptions={{ onError }}>
      <SimpleForm validate={validateCloseEpoch} toolbar={<CloseEpochToolbar />}>
        <Alert severity="info" sx={{ mb: 2, maxWidth: 640 }}>
          {translate('tessera.admin.epochs.explain')}
        </Alert>
        <SelectInput source="mode" choices={epochModeChoices} helperText="tessera.admin.epochs.helper.mode" />
        <NumberInput
          source="expiresInDays"
          min={MIN_EXPIRY_DAYS}
          max={MAX_EXPIRY_DAYS}
          step={1}
          helperText="tessera.admin.epochs.helper.expiresInDays"
        />
      </SimpleForm>
    </Create>
  );
}
