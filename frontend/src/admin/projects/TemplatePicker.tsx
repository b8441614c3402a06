import { Box, Button, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import type { ProjectType } from '../types';
import { LABEL_TEMPLATES, type LabelTemplate } from './templates';

/**
 * The label templates of the chosen type: one click fills the labels (and the instructions, when
 * none are written yet); everything stays editable.
 */
export function TemplatePicker() {
  const translate = useTranslate();
  const { setValue, getValues } = useFormContext();
  const type = useWatch({ name: 'type' }) as ProjectType | undefined;
  if (!type) return null;

  function apply(template: LabelTemplate) {
    setValue('labels', [...template.labels], { shouldDirty: true, shouldValidate: true });
    const instructions = getValues('instructions') as string | undefined;
    if (!instructions || instructions.trim() === '') setValue('instructions', template.instructions, { shouldDirty: true });
  }

  return (
    <Box
      sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}
      role="group"
      aria-label={translate('tessera.admin.projects.templates.title')}
    >
      <Typography variant="body2" color="text.secondary">
        {translate('tessera.admin.projects.templates.title')}
      </Typography>
      {LABEL_TEMPLATES[type].map((template) => (
        <Button key={template.id} size="small" variant="outlined" onClick={() => apply(template)}>
          {translate(`tessera.admin.projects.templates.names.${template.id}`)}
        </Button>
      ))}
    </Box>
  );
}
