import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import type { ProjectQuality } from '../../types';

/** `{from: 0.9, to: 1}` -> `0.9–1.0`. */
export function bucketLabel(bucket: { from: number; to: number }): string {
  return `${bucket.from.toFixed(1)}–${bucket.to.toFixed(1)}`;
}

/** Items per confidence of their aggregated answer, in ten buckets over 0..1. */
export function ConfidenceHistogramCard({ histogram }: { histogram: ProjectQuality['confidenceHistogram'] }) {
  const translate = useTranslate();
  const total = histogram.reduce((sum, bucket) => sum + bucket.items, 0);
  const title = translate('tessera.admin.quality.histogram.title');
  return (
    <Card sx={{ flex: 2, minWidth: 0 }}>
      <CardHeader
        title={title}
        subheader={translate('tessera.admin.quality.histogram.subtitle')}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent>
        {total === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.quality.histogram.empty')}
          </Typography>
        ) : (
          <figure style={{ margin: 0 }} aria-label={title}>
            <BarChart
              height={260}
              xAxis={[{ scaleType: 'band', data: histogram.map(bucketLabel) }]}
              series={[{ data: histogram.map((bucket) => bucket.items), label: translate('tessera.admin.quality.histogram.series') }]}
              hideLegend
            />
          </figure>
        )}
      </CardContent>
    </Card>
  );
}
