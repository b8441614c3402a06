import { Alert, Box } from '@mui/material';
import {
  DateField,
  Labeled,
  Link,
  NumberField,
  ReferenceField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { JsonField } from '../json/JsonField';
import type { Dataset } from '../types';
import { DatasetKindField, DatasetStatusField } from './DatasetFields';
import { DatasheetTab } from './DatasheetTab';
import { FilesTab } from './FilesTab';
import { PreviewTab } from './PreviewTab';
import { PublicationTab } from './PublicationTab';
import { PublishButton } from './PublishButton';
import { ReportTab } from './ReportTab';
import { SyntheticButton } from './SyntheticButton';

/** While a version builds or publishes, its page refreshes itself until that ends. */
const POLL_MS = 1500;

function working(dataset: Dataset | undefined): boolean {
  return dataset?.status === 'building' || dataset?.publication?.status === 'publishing';
}

function DatasetError() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  if (record?.status !== 'failed') return null;
  return <Alert severity="error">{translate('tessera.admin.datasets.failed', { error: record.error ?? '' })}</Alert>;
}

function SourceVersionField() {
  const record = useRecordContext<Dataset>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (record?.sourceVersionId === null || record?.sourceVersionId === undefined) return null;
  return (
    <Labeled label="resources.datasets.fields.sourceVersionId">
      <Link to={createPath({ resource: 'datasets', type: 'show', id: record.sourceVersionId })}>
        {translate('tessera.admin.datasets.sourceVersion', { id: record.sourceVersionId })}
      </Link>
    </Labeled>
  );
}

function SplitsField() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.splits) return null;
  const { train, validation, test } = record.splits;
  return (
    <Labeled label="resources.datasets.fields.splits">
      <span>
        {translate('tessera.admin.datasets.splitsSummary', {
          train: Math.round(train * 100),
          validation: Math.round(validation * 100),
          test: Math.round(test * 100),
          seed: record.seed,
        })}
      </span>
    </Labeled>
  );
}

export function DatasetShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <SyntheticButton />
          <PublishButton />
        </TopToolbar>
      }
      queryOptions={{ refetchInterval: (query) => (working(query.state.data as Dataset | undefined) ? POLL_MS : false) }}
    >
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.summary">
          <DatasetError />
          <TextField source="name" />
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <ReferenceField source="projectId" reference="projects" link="show" />
            </Labeled>
            <Labeled>
              <DatasetKindField source="kind" />
            </Labeled>
            <Labeled>
              <DatasetStatusField source="status" />
            </Labeled>
            <Labeled>
              <NumberField source="itemCount" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="license" />
            </Labeled>
          </Box>
          <SourceVersionField />
          <TextField source="description" emptyText="—" />
          <TextField source="intendedUse" emptyText="—" />
          <SplitsField />
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <DateField source="createdAt" showTime />
            </Labeled>
            <Labeled>
              <DateField source="finishedAt" showTime emptyText="—" />
            </Labeled>
          </Box>
          <Labeled label="resources.datasets.fields.filters">
            <JsonField source="filters" />
          </Labeled>
          <Labeled label="resources.datasets.fields.provenance">
            <JsonField source="provenance" />
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.datasheet" path="datasheet">
          <DatasheetTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.preview" path="preview">
          <PreviewTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.files" path="files">
          <FilesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.publication" path="publication">
          <PublicationTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.datasets.tabs.report" path="report">
          <ReportTab />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
