import RefreshIcon from '@mui/icons-material/Refresh';
import { Box, Button, CircularProgress, Typography } from '@mui/material';
import { useNotify, useTranslate, type Identifier } from 'react-admin';
import type { ProjectQuality } from '../../types';
import { useAggregateProjectQuality } from './useProjectQuality';

/** When and how the figures were computed, and the button that recomputes them. */
export function QualityHeader({ projectId, quality }: { projectId: Identifier; quality: ProjectQuality }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { mutate, isPending } = useAggregateProjectQuality(projectId);
  const recompute = () =>
    mutate(undefined, {
      onError: (error) => notify('tessera.admin.quality.recomputeFailed', { type: 'error', messageArgs: { message: error.message } }),
    });
  const parts = [
    quality.computedAt
      ? translate('tessera.admin.quality.computedAt', { time: new Date(quality.computedAt).toLocaleString() })
      : translate('tessera.admin.quality.notComputed'),
  ];
  if (quality.method) parts.push(translate('tessera.admin.quality.method', { method: quality.method }));
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
      <Typography variant="body1" color="text.secondary">
        {parts.join(' · ')}
      </Typography>
      <Button
        variant="contained"
        onClick={recompute}
        disabled={isPending}
        aria-busy={isPending}
        startIcon={isPending ? <CircularProgress size={16} color="inherit" aria-hidden="true" /> : <RefreshIcon />}
      >
        {translate(isPending ? 'tessera.admin.quality.recomputing' : 'tessera.admin.quality.recompute')}
      </Button>
    </Box>
  );
}
