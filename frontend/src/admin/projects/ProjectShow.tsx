import ListIcon from '@mui/icons-material/List';
import { ItemLabelCountField, ProjectLabelCountField } from '../annotations/LabelCounts';
import { Box, Divider, Typography } from '@mui/material';
import {
  Button,
  Datagrid,
  DateField,
  EditButton,
  Labeled,
  LinkBase,
  NumberField,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleList,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DataPreviewField, GoldField, ItemStatusField } from '../items/ItemFields';
import type { Item, Project } from '../types';
import { useNarrow } from '../useNarrow';
import { ImportItemsButton } from './ImportItemsButton';
import { ProjectLabelsField, ProjectStatusField, ProjectTypeField } from './ProjectChips';
import { ProjectProgressField } from './ProjectProgressField';
import { ProjectQualityTab } from './quality/ProjectQualityTab';

function ProjectShowActions() {
  return (
    <TopToolbar>
      <ImportItemsButton />
      <EditButton />
    </TopToolbar>
  );
}

function SectionTitle({ title }: { title: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2">
      {translate(title)}
    </Typography>
  );
}

/** Links to the full items list, filtered on this project. */
function OpenItemsButton() {
  const record = useRecordContext<Project>();
  const createPath = useCreatePath();
  if (!record) return null;
  const search = new URLSearchParams({ filter: JSON.stringify({ projectId: record.id }) }).toString();
  return (
    <Button
      component={LinkBase}
      to={`${createPath({ resource: 'items', type: 'list' })}?${search}`}
      label="tessera.admin.projects.openItems"
    >
      <ListIcon />
    </Button>
  );
}

export function ProjectShow() {
  const narrow = useNarrow();
  return (
    <Show actions={<ProjectShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="tessera.admin.projects.tabs.summary">
          <TextField source="name" />
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <ProjectTypeField source="type" />
            </Labeled>
            <Labeled>
              <ProjectStatusField source="status" />
            </Labeled>
          </Box>
          <Divider />
          <SectionTitle title="tessera.admin.projects.sections.stats" />
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <NumberField source="stats.items" />
            </Labeled>
            <Labeled>
              <NumberField source="stats.completedItems" />
            </Labeled>
            <Labeled label="resources.projects.fields.stats.annotations">
              <ProjectLabelCountField />
            </Labeled>
          </Box>
          <Labeled label="resources.projects.fields.progress">
            <ProjectProgressField />
          </Labeled>
          <Divider />
          <SectionTitle title="tessera.admin.projects.sections.schema" />
          <Labeled label="resources.projects.fields.labels">
            <ProjectLabelsField />
          </Labeled>
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <NumberField source="overlap" />
            </Labeled>
            <Labeled>
              <NumberField source="leaseSeconds" />
            </Labeled>
            <Labeled>
              <TextField source="rewardPerLabel" />
            </Labeled>
            <Labeled>
              <TextField source="rewardBudget" emptyText="tessera.admin.projects.noBudget" />
            </Labeled>
          </Box>
          <TextField source="instructions" sx={{ whiteSpace: 'pre-wrap' }} emptyText="—" />
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            <Labeled>
              <DateField source="createdAt" showTime />
            </Labeled>
            <Labeled>
              <DateField source="updatedAt" showTime />
            </Labeled>
          </Box>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.projects.tabs.items" path="items">
          <OpenItemsButton />
          <ReferenceManyField
            reference="items"
            target="projectId"
            sort={{ field: 'id', order: 'ASC' }}
            perPage={25}
            pagination={<Pagination />}
          >
            {narrow ? (
              <SimpleList<Item>
                primaryText={(record) => `#${record.id}`}
                secondaryText={() => <DataPreviewField source="data" />}
                tertiaryText={() => <ItemStatusField source="status" />}
                linkType="show"
              />
            ) : (
              <Datagrid rowClick="show" bulkActionButtons={false}>
                <TextField source="id" />
                <TextField source="externalId" emptyText="—" />
                <DataPreviewField source="data" sortable={false} />
                <ItemStatusField source="status" sortable={false} />
                <GoldField source="gold" sortable={false} />
                <ItemLabelCountField source="annotationCount" sortable={false} />
                <DateField source="createdAt" />
              </Datagrid>
            )}
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.projects.tabs.quality" path="quality">
          <ProjectQualityTab />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
