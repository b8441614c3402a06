import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';
import { accuracyPercent } from '../../projects/quality/AnnotatorQualityCard';
import type { AnnotatorQualityDay } from '../../types';

const PREFIX = 'tessera.admin.annotatorQuality.overTime';

/** A share (0..1) as a whole percentage for the chart; null (nothing measured that day) stays a gap. */
export function percentOrNull(share: number | null): number | null {
  return share === null ? null : accuracyPercent(share);
}

/** Per UTC day, the share of the annotator's labels that agree with the inferred answers, and their gold accuracy. */
export function AccuracyOverTimeCard({ days }: { days: AnnotatorQualityDay[] }) {
  const translate = useTranslate();
  const title = translate(`${PREFIX}.title`);
  const labels = days.reduce((sum, day) => sum + day.labels, 0);
  const discarded = days.reduce((sum, day) => sum + day.discarded, 0);
  const measured = days.some((day) => day.agreement !== null || day.goldAccuracy !== null);
  const format = (value: number | null) => (value === null ? '—' : translate(`${PREFIX}.percent`, { percent: value }));
  return (
    <Card sx={{ flex: 2, minWidth: 0 }}>
      <CardHeader title={title} subheader={translate(`${PREFIX}.subtitle`)} slotProps={{ title: { component: 'h2' } }} />
      <CardContent>
        {days.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(`${PREFIX}.noLabels`)}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary">
              {translate(`${PREFIX}.totals`, { labels: labels.toLocaleString(), discarded: discarded.toLocaleString() })}
            </Typography>
            {measured ? (
              <figure style={{ margin: 0 }} aria-label={title}>
                <LineChart
                  height={280}
                  xAxis={[{ scaleType: 'point', data: days.map((day) => day.day) }]}
                  yAxis={[{ min: 0, max: 100 }]}
                  series={[
                    {
                      data: days.map((day) => percentOrNull(day.agreement)),
                      label: translate(`${PREFIX}.agreement`),
                      connectNulls: true,
                      valueFormatter: format,
                    },
                    {
                      data: days.map((day) => percentOrNull(day.goldAccuracy)),
                      label: translate(`${PREFIX}.gold`),
                      connectNulls: true,
                      valueFormatter: format,
                    },
                  ]}
                />
              </figure>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate(`${PREFIX}.nothingMeasured`)}
              </Typography>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
