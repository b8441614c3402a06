import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import type { Dataset } from '../types';
import { DATASET_KIND_PREFIX, DATASET_STATUS_PREFIX, datasetStatusColors } from './choices';

export function DatasetKindField(props: FieldProps<Dataset>) {
  return <ChoiceChip {...props} source={props.source ?? 'kind'} translationPrefix={DATASET_KIND_PREFIX} />;
}

/** Share of the current build step done, 0..100; undefined while its total is unknown. */
export function stepPercent(progress: Dataset['progress']): number | undefined {
  if (progress.total <= 0) return undefined;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

/** The status; while building, the step and its progress bar; when failed, the error. */
export function DatasetStatusField(props: FieldProps<Dataset>) {
  const record = useRecordContext<Dataset>(props);
  const translate = useTranslate();
  if (!record) return null;
  const chip = (
    <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={DATASET_STATUS_PREFIX} colors={datasetStatusColors} />
  );
  if (record.status === 'failed') {
    return (
      <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }} title={record.error ?? ''}>
        {chip}
      </Box>
    );
  }
  if (record.status !== 'building') return chip;
  // Right after "build", the page shows the create answer ({id, status}) until the first read comes back.
  const progress = record.progress ?? { step: 'select', done: 0, total: 0 };
  const percent = stepPercent(progress);
  const step = translate(`tessera.admin.datasets.steps.${progress.step}`, { _: progress.step });
  return (
    <Box sx={{ minWidth: 160 }}>
      <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }}>
        {chip}
        <Typography variant="body2" component="span">
          {percent === undefined
            ? step
            : translate('tessera.admin.datasets.stepProgress', { step, done: progress.done, total: progress.total })}
        </Typography>
      </Box>
      <LinearProgress
        variant={percent === undefined ? 'indeterminate' : 'determinate'}
        value={percent}
        aria-label={translate('tessera.admin.datasets.progressLabel', { id: record.id })}
        sx={{ mt: 0.5 }}
      />
    </Box>
  );
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** Bytes in decimal units, as file managers show them: 1234567 -> "1.2 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
