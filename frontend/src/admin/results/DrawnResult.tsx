import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { RecordContextProvider, useGetOne, useRecordContext, useTranslate, WithListContext } from 'react-admin';
import { shortAddress } from '../address';
import { AnnotationStatusField } from '../annotations/LabelCounts';
import type { Annotation, Item, Project } from '../types';
import type { ItemContent } from './itemContent';
import { ResultWidget } from './ResultWidget';

/** A result drawn read-only in its project's widget (fetches the project's type and labels). */
export function DrawnResult({ projectId, item, result }: { projectId: number; item: ItemContent; result: unknown }) {
  const { data: project } = useGetOne<Project>('projects', { id: projectId });
  if (!project) return null;
  return <ResultWidget type={project.type} labels={project.labels} item={item} value={result} />;
}

/**
 * The item page's labels, each drawn over the item (boxes on the image, spans in the text), inside a
 * ReferenceManyField of the item's annotations.
 */
export function DrawnAnnotations() {
  const item = useRecordContext<Item>();
  const translate = useTranslate();
  if (!item) return null;
  return (
    <WithListContext<Annotation>
      render={({ data }) => (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' } }}>
          {(data ?? []).map((annotation) => (
            <Card
              key={annotation.id}
              variant="outlined"
              component="section"
              aria-label={translate('tessera.admin.items.drawnLabel', { id: annotation.id })}
            >
              <CardHeader
                title={translate('tessera.admin.items.drawnLabel', { id: annotation.id })}
                subheader={
                  <Box component="span" sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                    <Typography variant="body2" component="span" title={annotation.annotatorAddress} sx={{ fontFamily: 'monospace' }}>
                      {shortAddress(annotation.annotatorAddress)}
                    </Typography>
                    <RecordContextProvider value={annotation}>
                      <AnnotationStatusField />
                    </RecordContextProvider>
                  </Box>
                }
                slotProps={{ title: { component: 'h3', variant: 'subtitle1' } }}
              />
              <CardContent sx={{ pt: 0 }}>
                <DrawnResult projectId={item.projectId} item={item} result={annotation.result} />
              </CardContent>
            </Card>
          ))}
        </Box>
      )}
    />
  );
}
