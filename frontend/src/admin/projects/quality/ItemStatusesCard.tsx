import { Box, Card, CardContent, CardHeader, Chip, Typography, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { QUALITY_STATUSES, type ProjectQuality, type QualityStatus } from '../../types';

const STATUS_PREFIX = 'tessera.admin.quality.statuses';
const statusColors: Record<QualityStatus, ChipProps['color']> = {
  confident: 'success',
  needs_more_labels: 'warning',
  needs_review: 'error',
};

/** How many items the aggregation is confident about, wants more labels for, or sends to review. */
export function ItemStatusesCard({ statuses }: { statuses: ProjectQuality['statuses'] }) {
  const translate = useTranslate();
  return (
    <Card sx={{ flex: 1, minWidth: 260 }}>
      <CardHeader title={translate(`${STATUS_PREFIX}.title`)} slotProps={{ title: { component: 'h2' } }} />
      <CardContent>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto auto', alignItems: 'center', gap: 1 }}>
          {QUALITY_STATUSES.map((status) => (
            <Box key={status} sx={{ display: 'contents' }}>
              <Box component="dt">
                <Chip size="small" color={statusColors[status]} label={translate(`${STATUS_PREFIX}.${status}`)} />
              </Box>
              <Typography component="dd" variant="h6" sx={{ m: 0, textAlign: 'right' }}>
                {(statuses[status] ?? 0).toLocaleString()}
              </Typography>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
