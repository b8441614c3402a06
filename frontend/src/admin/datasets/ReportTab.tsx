import { Alert, Box, Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Dataset } from '../types';
import { readReport } from './documents';

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

function Score({ label, value }: { label: string; value: number | null }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {translate(label)}
      </Typography>
      <Typography variant="h5" component="p">
        {percent(value)}
      </Typography>
    </Box>
  );
}

/** A synthetic version's report in SDMetrics' terms: quality scores, per-column shapes, pair trends, utility, privacy. */
export function ReportTab() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  const report = readReport(record?.report);
  if (!record) return null;
  if (record.kind === 'curated') {
    return (
      <Typography color="text.secondary" role="status">
        {translate('tessera.admin.datasets.report.curated')}
      </Typography>
    );
  }
  if (!report) {
    return (
      <Typography color="text.secondary" role="status">
        {translate('tessera.admin.datasets.report.pending')}
      </Typography>
    );
  }
  const privacy = report.privacy ?? {};
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Score label="tessera.admin.datasets.report.overall" value={report.scores.overall} />
        <Score label="tessera.admin.datasets.report.columnShapes" value={report.scores.columnShapes} />
        <Score label="tessera.admin.datasets.report.columnPairTrends" value={report.scores.columnPairTrends} />
        <Score label="tessera.admin.datasets.report.utility" value={report.scores.utility} />
      </Box>
      {report.samples && (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.admin.datasets.report.samples', { real: report.samples.realRows, synthetic: report.samples.syntheticRows })}
        </Typography>
      )}
      {report.columnShapes.length > 0 && (
        <Card variant="outlined">
          <CardHeader
            title={translate('tessera.admin.datasets.report.columnShapes')}
            slotProps={{ title: { component: 'h2', variant: 'subtitle1' } }}
          />
          <CardContent>
            <figure style={{ margin: 0 }} aria-label={translate('tessera.admin.datasets.report.columnShapes')}>
              <BarChart
                height={260}
                yAxis={[{ min: 0, max: 1 }]}
                xAxis={[{ scaleType: 'band', data: report.columnShapes.map((shape) => shape.column) }]}
                series={[
                  { data: report.columnShapes.map((shape) => shape.score ?? 0), label: translate('tessera.admin.datasets.report.score') },
                ]}
                hideLegend
              />
            </figure>
          </CardContent>
        </Card>
      )}
      {report.columnPairTrends.length > 0 && (
        <Table size="small" aria-label={translate('tessera.admin.datasets.report.columnPairTrends')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('tessera.admin.datasets.report.pair')}</TableCell>
              <TableCell>{translate('tessera.admin.datasets.report.metric')}</TableCell>
              <TableCell align="right">{translate('tessera.admin.datasets.report.score')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.columnPairTrends.map((pair) => (
              <TableRow key={pair.columns.join('\u0000')}>
                <TableCell>{pair.columns.join(' × ')}</TableCell>
                <TableCell>{pair.metric}</TableCell>
                <TableCell align="right">{percent(pair.score)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {report.utility && (
        <Alert severity="info">
          {translate('tessera.admin.datasets.report.utilityExplain', {
            classifier: report.utility.classifier,
            synthetic: percent(report.utility.trainOnSynthetic),
            real: percent(report.utility.trainOnReal),
          })}
        </Alert>
      )}
      <Typography variant="subtitle1" component="h2">
        {translate('tessera.admin.datasets.report.privacy')}
      </Typography>
      <Typography variant="body2">
        {translate('tessera.admin.datasets.report.exactCopies', {
          count: privacy.exactCopies ?? 0,
          share: percent(privacy.exactCopyShare),
        })}
      </Typography>
      {privacy.dcr && (
        <Typography variant="body2">
          {translate('tessera.admin.datasets.report.dcr', {
            closer: percent(privacy.dcr.closerThanRealShare),
            protection: percent(privacy.dcr.baselineProtection),
          })}
        </Typography>
      )}
      {(privacy.text ?? []).map((text) => (
        <Typography key={text.column} variant="body2">
          {translate('tessera.admin.datasets.report.textRun', { column: text.column, run: text.longestSharedRun, guard: text.guardRun })}
        </Typography>
      ))}
    </Box>
  );
}
