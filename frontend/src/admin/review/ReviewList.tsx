import { useState } from 'react';
import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Card, CardContent, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  AutocompleteInput,
  Datagrid,
  List,
  NumberField,
  RecordContextProvider,
  ReferenceField,
  ReferenceInput,
  useListContext,
  useTranslate,
} from 'react-admin';
import { AnnotationResultField } from '../annotations/AnnotationFields';
import { DataPreviewField } from '../items/ItemFields';
import type { ReviewItem } from '../types';
import { FixContext, FixDialog, ReviewActions } from './ReviewActions';
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

/** The items waiting for a reviewer, least confident first: a table, or one card per item on a phone. */
export function ReviewList() {
  const narrow = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  const [fixing, setFixing] = useState<ReviewItem | undefined>();
  return (
    <List filters={reviewFilters} sort={{ field: 'confidence', order: 'ASC' }} empty={<ReviewEmpty />} exporter={false}>
      <FixContext.Provider value={setFixing}>
        {narrow ? (
          <ReviewCards />
        ) : (
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
        )}
      </FixContext.Provider>
      {fixing && <FixDialog record={fixing} onClose={() => setFixing(undefined)} />}
    </List>
  );
}

/** On a narrow screen every column of the table stacks in a card, the decision buttons at its foot. */
function ReviewCards() {
  const { data, isPending } = useListContext<ReviewItem>();
  const translate = useTranslate();
  if (isPending) return null;
  if (!data || data.length === 0) return <ReviewEmpty />;
  return (
    <Stack spacing={1} sx={{ p: 1 }}>
      {data.map((record) => (
        <RecordContextProvider key={record.id} value={record}>
          <Card
            variant="outlined"
            component="article"
            aria-label={translate('tessera.admin.review.cardLabel', { id: record.id })}
            sx={record.decision ? { opacity: 0.6 } : undefined}
          >
            <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
              <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, alignItems: 'baseline' }}>
                <Typography variant="subtitle1" component="h2">
                  #{record.id} · <ReferenceField source="projectId" reference="projects" link={false} />
                </Typography>
                <ConfidenceField source="confidence" />
              </Box>
              <DataPreviewField source="data" />
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
                <Typography variant="body2" color="text.secondary">
                  {translate('resources.review.fields.result')}:
                </Typography>
                <AnnotationResultField source="result" />
              </Box>
              <ReviewLabelsField source="labels" />
              <ReviewActions />
            </CardContent>
          </Card>
        </RecordContextProvider>
      ))}
    </Stack>
  );
}
