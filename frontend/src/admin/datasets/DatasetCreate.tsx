import { Alert, Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { COMMON_LICENSES } from './choices';
import { buildDatasetBody, DEFAULT_SPLITS, validateBuildDataset, type BuildDatasetValues } from './datasetValidation';

const defaults: BuildDatasetValues = { splits: { ...DEFAULT_SPLITS }, filters: { reviewedOnly: false, includeGold: false } };

const licenseChoices = COMMON_LICENSES.map((id) => ({ id, name: id }));

function Section({ title }: { title: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  );
}

/** "Build a dataset version": the project's settled answers, filtered and split (POST /api/datasets, answered 202). */
export function DatasetCreate() {
  const translate = useTranslate();
  return (
    <Create title="tessera.admin.datasets.buildTitle" redirect="show" record={defaults} transform={buildDatasetBody}>
      <SimpleForm validate={validateBuildDataset}>
        <Alert severity="info" sx={{ mb: 2, maxWidth: 720 }}>
          {translate('tessera.admin.datasets.explain')}
        </Alert>
        <ReferenceInput source="projectId" reference="projects">
          <AutocompleteInput optionText="name" />
        </ReferenceInput>
        <TextInput source="name" sx={{ maxWidth: 480 }} />
        <TextInput source="description" multiline minRows={2} sx={{ maxWidth: 720 }} />
        <AutocompleteInput
          source="license"
          choices={licenseChoices}
          onCreate={(id) => (id ? { id, name: id } : undefined)}
          helperText="tessera.admin.datasets.helper.license"
        />
        <TextInput
          source="intendedUse"
          multiline
          minRows={2}
          sx={{ maxWidth: 720 }}
          helperText="tessera.admin.datasets.helper.intendedUse"
        />
        <Section title="tessera.admin.datasets.sections.filters" />
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <NumberInput
            source="filters.minConfidence"
            min={0}
            max={1}
            step={0.05}
            helperText="tessera.admin.datasets.helper.minConfidence"
          />
          <DateTimeInput source="filters.from" />
          <DateTimeInput source="filters.to" />
        </Box>
        <BooleanInput source="filters.reviewedOnly" helperText="tessera.admin.datasets.helper.reviewedOnly" />
        <BooleanInput source="filters.includeGold" helperText="tessera.admin.datasets.helper.includeGold" />
        <Section title="tessera.admin.datasets.sections.splits" />
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <NumberInput source="splits.train" min={0} max={1} step={0.05} />
          <NumberInput source="splits.validation" min={0} max={1} step={0.05} />
          <NumberInput source="splits.test" min={0} max={1} step={0.05} />
          <NumberInput source="seed" min={0} step={1} helperText="tessera.admin.datasets.helper.seed" />
        </Box>
      </SimpleForm>
    </Create>
  );
}
