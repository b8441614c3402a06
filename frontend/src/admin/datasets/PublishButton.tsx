import PublishIcon from '@mui/icons-material/Publish';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Switch,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Dataset } from '../types';
import { useDialogAction } from './useDialogAction';

const PRICE = /^\d{1,30}(\.\d{1,18})?$/;

/** The price as typed: the error's translation key, or what to send. */
export function parsePublishForm(price: string, free: boolean): { error: string } | { price: string } | { free: true } {
  if (free) return { free: true };
  const value = price.trim();
  if (!PRICE.test(value)) return { error: 'tessera.admin.datasets.publish.priceInvalid' };
  if (/^0*(\.0*)?$/.test(value)) return { error: 'tessera.admin.datasets.publish.priceZero' };
  return { price: value };
}

/** "Publish on Ocean": a data NFT with a datatoken sold at a price (or free), then its DDO; progress shows on the page. */
export function PublishButton() {
  const record = useRecordContext<Dataset>();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [price, setPrice] = useState('');
  const [free, setFree] = useState(false);
  const { sending, run } = useDialogAction('tessera.admin.datasets.publish.failed');
  const publication = record?.publication;
  if (record?.status !== 'ready' || (publication && publication.status !== 'failed')) return null;
  const parsed = parsePublishForm(price, free);
  const showError = 'error' in parsed && price !== '';

  async function submit() {
    if ('error' in parsed || !record) return;
    await run(async () => {
      await dataProvider.publishDataset(record.id, parsed);
      setOpen(false);
      refresh();
    });
  }

  return (
    <>
      <Button startIcon={<PublishIcon />} onClick={() => setOpen(true)} size="small">
        {translate(publication ? 'tessera.admin.datasets.publish.retry' : 'tessera.admin.datasets.publish.button')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="publish-title">
        <DialogTitle id="publish-title">{translate('tessera.admin.datasets.publish.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('tessera.admin.datasets.publish.explain')}</DialogContentText>
          <FormControlLabel
            control={<Switch checked={free} onChange={(event) => setFree(event.target.checked)} />}
            label={translate('tessera.admin.datasets.publish.free')}
          />
          {!free && (
            <TextField
              label={translate('tessera.admin.datasets.publish.price')}
              value={price}
              onChange={(event) => setPrice(event.target.value)}
              inputMode="decimal"
              error={showError}
              helperText={showError ? translate(parsed.error) : translate('tessera.admin.datasets.publish.priceHelp')}
              fullWidth
              margin="dense"
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button onClick={() => void submit()} disabled={sending || 'error' in parsed} variant="contained">
            {translate('tessera.admin.datasets.publish.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
