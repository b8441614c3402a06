import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Dataset } from '../types';
import { previewRows, SPLIT_NAMES, type SplitName } from './documents';

/** Read from the start of the JSONL file: enough for a few rows of each split in all but very skewed versions. */
const PREVIEW_BYTES = 256 * 1024;
const ROWS_PER_SPLIT = 5;
/** Columns the preview leaves out: every annotator's label is in the download. */
const HIDDEN = new Set(['annotations', 'item_id']);

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function SplitTable({ split, rows }: { split: SplitName; rows: Array<Record<string, unknown>> }) {
  const translate = useTranslate();
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((column) => !HIDDEN.has(column));
  return (
    <Box>
      <Typography variant="subtitle1" component="h2">
        {translate(`tessera.admin.datasets.splits.${split}`)}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.admin.datasets.preview.noRows')}
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(`tessera.admin.datasets.splits.${split}`)}>
            <TableHead>
              <TableRow>
                {columns.map((column) => (
                  <TableCell key={column}>{column}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, index) => (
                <TableRow key={typeof row.id === 'string' ? row.id : index}>
                  {columns.map((column) => (
                    <TableCell key={column} sx={{ maxWidth: 360 }}>
                      {cell(row[column])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

/** A few rows of each split, read from the start of the version's JSONL file. */
export function PreviewTab() {
  const record = useRecordContext<Dataset>();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const jsonl = record?.files?.find((file) => file.format === 'jsonl');
  const [state, setState] = useState<{ rows?: ReturnType<typeof previewRows>; error?: string }>({});

  useEffect(() => {
    if (!record || !jsonl) return;
    const controller = new AbortController();
    dataProvider
      .readDatasetFileStart(record.id, jsonl.name, PREVIEW_BYTES, controller.signal)
      .then((text) => setState({ rows: previewRows(text, ROWS_PER_SPLIT) }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [dataProvider, record, jsonl]);

  if (!record) return null;
  if (!jsonl) {
    return (
      <Typography color="text.secondary" role="status">
        {translate('tessera.admin.datasets.files.pending')}
      </Typography>
    );
  }
  if (state.error) return <Alert severity="error">{translate('tessera.admin.datasets.preview.failed', { message: state.error })}</Alert>;
  if (!state.rows) {
    return (
      <Typography color="text.secondary" role="status">
        {translate('tessera.admin.datasets.preview.loading')}
      </Typography>
    );
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {SPLIT_NAMES.map((split) => (
        <SplitTable key={split} split={split} rows={state.rows![split]} />
      ))}
    </Box>
  );
}
