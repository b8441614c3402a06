import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { Project } from '../types';

export function progressPercent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0;
}

/** Completed items over items, from the project's stats. */
export function ProjectProgressField(_props: Partial<FieldProps<Project>>) {
  const record = useRecordContext<Project>();
  const translate = useTranslate();
  if (!record?.stats) return null;
  const { items, completedItems } = record.stats;
  if (items === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('tessera.admin.projects.noItems')}
      </Typography>
    );
  }
  const text = translate('tessera.admin.projects.progress', { done: completedItems, total: items });
  return (
    <Box sx={{ minWidth: 140 }}>
      <LinearProgress
        variant="determinate"
        value={progressPercent(completedItems, items)}
        aria-label={translate('tessera.admin.projects.progressLabel', { name: record.name })}
        aria-valuetext={text}
      />
      <Typography variant="caption" color="text.secondary">
        {text}
      </Typography>
    </Box>
  );
}
