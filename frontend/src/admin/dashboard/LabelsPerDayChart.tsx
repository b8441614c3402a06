import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';

/** `2026-11-25` -> `11-25`: the year adds nothing on a 30-day axis. */
function shortDay(day: string): string {
  return day.slice(5);
}

export function LabelsPerDayChart({ labelsPerDay }: { labelsPerDay: DashboardStats['labelsPerDay'] }) {
  const translate = useTranslate();
  const total = labelsPerDay.reduce((sum, day) => sum + day.labels, 0);
  const title = translate('tessera.admin.dashboard.labelsPerDay.title');
  return (
    <Card sx={{ flex: 2, minWidth: 0 }}>
      <CardHeader
        title={title}
        subheader={translate('tessera.admin.dashboard.labelsPerDay.subtitle')}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent>
        {total === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.dashboard.labelsPerDay.empty')}
          </Typography>
        ) : (
          <figure style={{ margin: 0 }} aria-label={title}>
            <BarChart
              height={300}
              xAxis={[{ scaleType: 'band', data: labelsPerDay.map((day) => shortDay(day.day)) }]}
              series={[{ data: labelsPerDay.map((day) => day.labels), label: translate('tessera.admin.dashboard.labelsPerDay.series') }]}
              hideLegend
              skipAnimation
            />
          </figure>
        )}
      </CardContent>
    </Card>
  );
}
