import { Box, Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { bucketLabel } from '../projects/quality/ConfidenceHistogramCard';
import type { Dataset } from '../types';
import { balanceLabels, readDatasheet, SPLIT_NAMES, type DatasheetView } from './documents';

function Figure({ label, value }: { label: string; value: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {translate(label)}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Box>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ flex: 1, minWidth: 320 }}>
      <CardHeader title={translate(title)} slotProps={{ title: { component: 'h2', variant: 'subtitle1' } }} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function ClassBalanceChart({ sheet }: { sheet: DatasheetView }) {
  const translate = useTranslate();
  const labels = balanceLabels(sheet.classBalance);
  if (labels.length === 0) return <Typography color="text.secondary">{translate('tessera.admin.datasets.datasheet.noLabels')}</Typography>;
  return (
    <figure style={{ margin: 0 }} aria-label={translate('tessera.admin.datasets.datasheet.classBalance')}>
      <BarChart
        height={280}
        xAxis={[{ scaleType: 'band', data: labels }]}
        series={SPLIT_NAMES.map((split) => ({
          label: translate(`tessera.admin.datasets.splits.${split}`),
          data: labels.map((label) => sheet.classBalance?.[split]?.[label] ?? 0),
          stack: 'splits',
        }))}
      />
    </figure>
  );
}

function ConfidenceChart({ sheet }: { sheet: DatasheetView }) {
  const translate = useTranslate();
  const histogram = sheet.confidenceHistogram ?? [];
  return (
    <figure style={{ margin: 0 }} aria-label={translate('tessera.admin.datasets.datasheet.confidence')}>
      <BarChart
        height={280}
        xAxis={[{ scaleType: 'band', data: histogram.map(bucketLabel) }]}
        series={[{ data: histogram.map((bucket) => bucket.items), label: translate('tessera.admin.datasets.datasheet.items') }]}
        hideLegend
      />
    </figure>
  );
}

function AnnotatorsTable({ sheet }: { sheet: DatasheetView }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const annotators = sheet.annotators ?? [];
  if (annotators.length === 0) {
    return <Typography color="text.secondary">{translate('tessera.admin.datasets.datasheet.noAnnotators')}</Typography>;
  }
  return (
    <Table size="small" aria-label={translate('tessera.admin.datasets.datasheet.annotators')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('tessera.admin.datasets.datasheet.annotator')}</TableCell>
          <TableCell align="right">{translate('tessera.admin.datasets.datasheet.labels')}</TableCell>
          <TableCell align="right">{translate('tessera.admin.datasets.datasheet.trust')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {annotators.map((annotator) => (
          <TableRow key={annotator.annotatorId}>
            <TableCell>
              <Link to={createPath({ resource: 'users', type: 'show', id: annotator.annotatorId })}>#{annotator.annotatorId}</Link>
            </TableCell>
            <TableCell align="right">{annotator.labels}</TableCell>
            <TableCell align="right">{annotator.trust === null ? '—' : annotator.trust.toFixed(2)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The version's datasheet: composition, agreement, confidence, annotators, time span. */
export function DatasheetTab() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  const sheet = readDatasheet(record?.datasheet);
  if (!record) return null;
  if (!sheet) {
    return (
      <Typography color="text.secondary" role="status">
        {translate(record.status === 'failed' ? 'tessera.admin.datasets.datasheet.failed' : 'tessera.admin.datasets.datasheet.pending')}
      </Typography>
    );
  }
  const fmt = (value: number | null | undefined, digits = 2) => (value === null || value === undefined ? '—' : value.toFixed(digits));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Figure label="tessera.admin.datasets.datasheet.instances" value={String(sheet.instances ?? '—')} />
        {SPLIT_NAMES.map((split) => (
          <Figure key={split} label={`tessera.admin.datasets.splits.${split}`} value={String(sheet.bySplit?.[split] ?? 0)} />
        ))}
        <Figure label="tessera.admin.datasets.datasheet.annotations" value={String(sheet.annotations ?? '—')} />
        <Figure label="tessera.admin.datasets.datasheet.meanLabels" value={fmt(sheet.meanLabelsPerItem, 1)} />
        <Figure label="tessera.admin.datasets.datasheet.alpha" value={fmt(sheet.alpha, 3)} />
      </Box>
      {sheet.agreementNote && (
        <Typography variant="body2" color="text.secondary">
          {sheet.agreementNote}
        </Typography>
      )}
      <Typography variant="body2">
        {sheet.timeSpan
          ? translate('tessera.admin.datasets.datasheet.timeSpan', {
              from: new Date(sheet.timeSpan.from).toLocaleString(),
              to: new Date(sheet.timeSpan.to).toLocaleString(),
            })
          : translate('tessera.admin.datasets.datasheet.noTimeSpan')}
      </Typography>
      <Typography variant="body2">
        {translate('tessera.admin.datasets.datasheet.methods', {
          methods: Object.entries(sheet.methods ?? {})
            .map(([method, count]) => `${method}: ${count}`)
            .join(', '),
        })}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <ChartCard title="tessera.admin.datasets.datasheet.classBalance">
          <ClassBalanceChart sheet={sheet} />
        </ChartCard>
        <ChartCard title="tessera.admin.datasets.datasheet.confidence">
          <ConfidenceChart sheet={sheet} />
        </ChartCard>
      </Box>
      <ChartCard title="tessera.admin.datasets.datasheet.annotators">
        <AnnotatorsTable sheet={sheet} />
      </ChartCard>
      {sheet.intendedUse && (
        <Typography variant="body2">{translate('tessera.admin.datasets.datasheet.intendedUse', { use: sheet.intendedUse })}</Typography>
      )}
    </Box>
  );
}
