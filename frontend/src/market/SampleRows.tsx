import { Box, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { getSample } from './marketApi';

const SPLITS = ['train', 'validation', 'test'] as const;
type Split = (typeof SPLITS)[number];

function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A few records of each split, as a buyer sees them before buying. */
export function SampleRows({ did }: { did: string }) {
  const [split, setSplit] = useState<Split>('train');
  const [rows, setRows] = useState<Record<Split, Array<Record<string, unknown>> | undefined>>({
    train: undefined,
    validation: undefined,
    test: undefined,
  });
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (rows[split]) return;
    getSample(did, split)
      .then((loaded) => setRows((all) => ({ ...all, [split]: loaded })))
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [did, split, rows]);
  const shown = rows[split];
  const columns = shown?.[0] ? Object.keys(shown[0]) : [];
  return (
    <Box component="section" aria-labelledby="sample-title">
      <Typography id="sample-title" variant="h6" component="h2">
        {t('tessera.market.sample')}
      </Typography>
      <Tabs value={split} onChange={(_, value: Split) => setSplit(value)} aria-label={t('tessera.market.sample')}>
        {SPLITS.map((name) => (
          <Tab key={name} value={name} label={name} />
        ))}
      </Tabs>
      {error && <Typography color="error">{error}</Typography>}
      {shown?.length === 0 && <Typography variant="body2">{t('tessera.market.sampleEmpty')}</Typography>}
      {shown && shown.length > 0 && (
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('tessera.market.sampleOf', { split })}>
            <TableHead>
              <TableRow>
                {columns.map((column) => (
                  <TableCell key={column}>{column}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((row, index) => (
                <TableRow key={typeof row['id'] === 'string' ? row['id'] : index}>
                  {columns.map((column) => (
                    <TableCell key={column}>{cell(row[column])}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
