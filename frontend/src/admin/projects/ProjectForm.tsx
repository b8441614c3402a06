import { Typography } from '@mui/material';
import { NumberInput, SelectInput, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { projectStatusChoices, projectTypeChoices } from './choices';
import { AnnotatorPreview } from './AnnotatorPreview';
import { LabelsEditor } from './LabelsEditor';
import {
  MAX_GOLD_RATE,
  MAX_OVERLAP,
  MAX_QUALIFICATION_SIZE,
  MIN_LEASE_SECONDS,
  MIN_OVERLAP,
  validateProjectForm,
} from './projectValidation';
import { TemplatePicker } from './TemplatePicker';

function Section({ title }: { title: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  );
}

/**
 * The schema builder, shared by create and edit: label templates per type and a live preview of the
 * annotator's view beside the labels. One form-level validator: the rules depend on each other.
 */
export function ProjectForm() {
  return (
    <SimpleForm validate={validateProjectForm}>
      <TextInput source="name" fullWidth />
      <Section title="tessera.admin.projects.sections.schema" />
      <SelectInput source="type" choices={projectTypeChoices} helperText="tessera.admin.projects.helper.type" />
      <TemplatePicker />
      <LabelsEditor source="labels" />
      <AnnotatorPreview />
      <Section title="tessera.admin.projects.sections.work" />
      <NumberInput source="overlap" min={MIN_OVERLAP} max={MAX_OVERLAP} step={1} helperText="tessera.admin.projects.helper.overlap" />
      <NumberInput source="leaseSeconds" min={MIN_LEASE_SECONDS} step={1} helperText="tessera.admin.projects.helper.leaseSeconds" />
      <TextInput source="rewardPerLabel" inputProps={{ inputMode: 'decimal' }} helperText="tessera.admin.projects.helper.rewardPerLabel" />
      <TextInput source="rewardBudget" inputProps={{ inputMode: 'decimal' }} helperText="tessera.admin.projects.helper.rewardBudget" />
      <Section title="tessera.admin.projects.sections.quality" />
      <NumberInput source="maxOverlap" min={MIN_OVERLAP} max={MAX_OVERLAP} step={1} helperText="tessera.admin.projects.helper.maxOverlap" />
      <NumberInput source="targetConfidence" min={0.5} max={1} step={0.05} helperText="tessera.admin.projects.helper.targetConfidence" />
      <NumberInput source="goldRate" min={0} max={MAX_GOLD_RATE} step={0.05} helperText="tessera.admin.projects.helper.goldRate" />
      <NumberInput
        source="qualificationSize"
        min={0}
        max={MAX_QUALIFICATION_SIZE}
        step={1}
        helperText="tessera.admin.projects.helper.qualificationSize"
      />
      <NumberInput
        source="qualificationMinAccuracy"
        min={0}
        max={1}
        step={0.05}
        helperText="tessera.admin.projects.helper.qualificationMinAccuracy"
      />
      <TextInput source="instructions" multiline minRows={4} fullWidth helperText="tessera.admin.projects.helper.instructions" />
      <SelectInput source="status" choices={projectStatusChoices} />
    </SimpleForm>
  );
}
