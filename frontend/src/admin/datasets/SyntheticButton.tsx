import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useCreatePath, useDataProvider, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Dataset } from '../types';
import { useDialogAction } from './useDialogAction';

export const MAX_SYNTHETIC_ROWS = 1_000_000;

/** Rows and seed as typed: the error's translation key, or the values to send. */
export function parseSyntheticForm(rows: string, seed: string): { error: string } | { rows: number; seed?: number } {
  const count = Number(rows);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SYNTHETIC_ROWS) return { error: 'tessera.admin.datasets.synthetic.rowsInvalid' };
  if (seed.trim() === '') return { rows: count };
  const value = Number(seed);
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) return { error: 'tessera.admin.datasets.validation.seed' };
  return { rows: count, seed: value };
}

/** "Make synthetic data": a new version of kind synthetic from this one (POST /api/datasets/:id/synthetic). */
export function SyntheticButton() {
  const record = useRecordContext<Dataset>();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState('');
  const [seed, setSeed] = useState('');
  const { sending, run } = useDialogAction('tessera.admin.datasets.synthetic.failed');
  if (record?.kind !== 'curated' || record.status !== 'ready') return null;
  const parsed = parseSyntheticForm(rows === '' ? String(record.itemCount ?? 1000) : rows, seed);

  async function submit() {
    if ('error' in parsed || !record) return;
    await run(async () => {
      const created = await dataProvider.createSyntheticDataset(record.id, parsed);
      setOpen(false);
      redirect(createPath({ resource: 'datasets', type: 'show', id: created.id }));
    });
  }

  return (
    <>
      <Button startIcon={<AutoAwesomeIcon />} onClick={() => setOpen(true)} size="small">
        {translate('tessera.admin.datasets.synthetic.button')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="synthetic-title">
        <DialogTitle id="synthetic-title">{translate('tessera.admin.datasets.synthetic.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('tessera.admin.datasets.synthetic.explain')}</DialogContentText>
          <TextField
            label={translate('tessera.admin.datasets.synthetic.rows')}
            value={rows}
            placeholder={String(record.itemCount ?? 1000)}
            onChange={(event) => setRows(event.target.value)}
            inputMode="numeric"
            error={'error' in parsed && parsed.error.endsWith('rowsInvalid')}
            helperText={
              'error' in parsed && parsed.error.endsWith('rowsInvalid') ? translate(parsed.error, { max: MAX_SYNTHETIC_ROWS }) : ' '
            }
            fullWidth
            margin="dense"
          />
          <TextField
            label={translate('tessera.admin.datasets.synthetic.seed')}
            value={seed}
            onChange={(event) => setSeed(event.target.value)}
            inputMode="numeric"
            error={'error' in parsed && !parsed.error.endsWith('rowsInvalid')}
            helperText={
              'error' in parsed && !parsed.error.endsWith('rowsInvalid')
                ? translate(parsed.error)
                : translate('tessera.admin.datasets.helper.seed')
            }
            fullWidth
            margin="dense"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button onClick={() => void submit()} disabled={sending || 'error' in parsed} variant="contained">
            {translate('tessera.admin.datasets.synthetic.create')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
