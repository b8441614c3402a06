import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Typography } from '@mui/material';
import { AutocompleteInput, Datagrid, List, NumberField, ReferenceField, ReferenceInput, useTranslate } from 'react-admin';
import { AnnotationResultField } from '../annotations/AnnotationFields';
import { DataPreviewField } from '../items/ItemFields';
import type { ReviewItem } from '../types';
import { ReviewActions } from './ReviewActions';
import { ConfidenceField, ReviewLabelsField } from './ReviewFields';

const reviewFilters = [
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function ReviewEmpty() {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} role="status">
      <InboxIcon aria-hidden="true" sx={{ fontSize: 64, color: 'text.disabled' }} />
      <Typography variant="h6" component="p">
        {translate('tessera.admin.review.empty')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('tessera.admin.review.emptyHelp')}
      </Typography>
    </Box>
  );
}

/** The items waiting for a reviewer, least confident first. */
export function ReviewList() {
  return (
    <List filters={reviewFilters} sort={{ field: 'confidence', order: 'ASC' }} empty={<ReviewEmpty />} exporter={false}>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<ReviewEmpty />}
        rowSx={(record: ReviewItem) => (record.decision ? { opacity: 0.6 } : {})}
      >
        <NumberField source="id" sortable={false} />
        <ReferenceField source="projectId" reference="projects" sortable={false} link={false} />
        <DataPreviewField source="data" sortable={false} />
        <AnnotationResultField source="result" sortable={false} />
        <ConfidenceField source="confidence" />
        <ReviewLabelsField source="labels" sortable={false} />
        <ReviewActions />
      </Datagrid>
    </List>
  );
}
