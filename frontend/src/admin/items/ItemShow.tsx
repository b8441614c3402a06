import { Box, Typography } from '@mui/material';
import {
  Datagrid,
  DateField,
  Labeled,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleList,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { AnnotationResultField, LeadTimeField } from '../annotations/AnnotationFields';
import { AnnotationStatusField, ItemLabelCountField } from '../annotations/LabelCounts';
import { RawJson } from '../json/RawJson';
import { DrawnAnnotations } from '../results/DrawnResult';
import type { Annotation } from '../types';
import { useNarrow } from '../useNarrow';
import { AddressField } from '../users/AddressField';
import { DataPreviewField, GoldAnswerField, GoldField, ItemStatusField } from './ItemFields';

function AnnotationsTitle() {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2">
      {translate('tessera.admin.items.annotations')}
    </Typography>
  );
}

export function ItemShow() {
  const narrow = useNarrow();
  return (
    <Show>
      <SimpleShowLayout>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="id" />
          </Labeled>
          <Labeled>
            <ReferenceField source="projectId" reference="projects" />
          </Labeled>
          <Labeled>
            <TextField source="externalId" emptyText="—" />
          </Labeled>
          <Labeled>
            <ItemStatusField source="status" />
          </Labeled>
          <Labeled>
            <GoldField source="gold" />
          </Labeled>
          <Labeled label="resources.items.fields.annotationCount">
            <ItemLabelCountField />
          </Labeled>
          <Labeled>
            <NumberField source="overlap" />
          </Labeled>
          <Labeled>
            <DateField source="createdAt" showTime />
          </Labeled>
        </Box>
        <DataPreviewField source="data" size="large" label={false} />
        <RawJson source="data" />
        <GoldAnswerField label={false} />
        <AnnotationsTitle />
        <ReferenceManyField
          reference="annotations"
          target="itemId"
          sort={{ field: 'createdAt', order: 'DESC' }}
          perPage={25}
          pagination={<Pagination />}
          empty={<EmptyAnnotations />}
          label={false}
        >
          {narrow ? (
            <SimpleList<Annotation>
              primaryText={(record) => `#${record.id}`}
              secondaryText={() => <AnnotationResultField source="result" />}
              tertiaryText={() => <AnnotationStatusField source="status" />}
              linkType="show"
            />
          ) : (
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="id" />
              <AddressField source="annotatorAddress" sortable={false} />
              <AnnotationResultField source="result" sortable={false} />
              <AnnotationStatusField source="status" sortable={false} />
              <LeadTimeField source="serverTimeMs" />
              <LeadTimeField source="leadTimeMs" />
              <DateField source="createdAt" showTime />
            </Datagrid>
          )}
        </ReferenceManyField>
        <DrawnTitle />
        <ReferenceManyField reference="annotations" target="itemId" sort={{ field: 'id', order: 'ASC' }} perPage={25} label={false}>
          <DrawnAnnotations />
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

function DrawnTitle() {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2">
      {translate('tessera.admin.items.drawn')}
    </Typography>
  );
}

function EmptyAnnotations() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('tessera.admin.items.noAnnotations')}
    </Typography>
  );
}
