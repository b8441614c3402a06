import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import type { Project } from '../types';
import { PROJECT_STATUS_PREFIX, PROJECT_TYPE_PREFIX, projectStatusColors } from './choices';

export function ProjectTypeField(props: FieldProps<Project>) {
  return <ChoiceChip {...props} source={props.source ?? 'type'} translationPrefix={PROJECT_TYPE_PREFIX} />;
}

export function ProjectStatusField(props: FieldProps<Project>) {
  return <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={PROJECT_STATUS_PREFIX} colors={projectStatusColors} />;
}

/** The project's labels, in the order annotators see them. */
export function ProjectLabelsField(_props: Partial<FieldProps<Project>>) {
  const record = useRecordContext<Project>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.labels.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('tessera.admin.projects.noLabels')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {record.labels.map((label, index) => (
        <Chip key={label} size="small" variant="outlined" label={index < 9 ? `${index + 1} · ${label}` : label} />
      ))}
    </Stack>
  );
}
