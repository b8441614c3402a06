import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AnnotatorProject } from '../../types';

/** Picks the project the accuracy over time and the confusion matrices look at (all by default). */
export function AnnotatorProjectFilter({
  projects,
  value,
  onChange,
}: {
  projects: AnnotatorProject[];
  value: number | null;
  onChange: (projectId: number | null) => void;
}) {
  const translate = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={translate('tessera.admin.annotatorQuality.filter.label')}
      helperText={translate('tessera.admin.annotatorQuality.filter.help')}
      value={value === null ? '' : String(value)}
      onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ maxWidth: 420 }}
    >
      <option value="">{translate('tessera.admin.annotatorQuality.filter.all')}</option>
      {projects.map((project) => (
        <option key={project.projectId} value={String(project.projectId)}>
          {project.projectName}
        </option>
      ))}
    </TextField>
  );
}
