import { Box } from '@mui/material';
import {
  DateField,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  useCanAccess,
  useRecordContext,
  useShowContext,
} from 'react-admin';
import { RawJson } from '../json/RawJson';
import { DrawnResult } from '../results/DrawnResult';
import type { Annotation, Item } from '../types';
import { AddressField } from '../users/AddressField';
import { LeadTimeField } from './AnnotationFields';
import { AnnotationStatusField } from './LabelCounts';

export function AnnotationShow() {
  const { canAccess: canReadItems = false } = useCanAccess({ resource: 'items', action: 'show' });
  return (
    <Show>
      <SimpleShowLayout>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <NumberField source="id" />
          </Labeled>
          <Labeled>
            <ReferenceField source="projectId" reference="projects" link={false} />
          </Labeled>
          <Labeled>
            {canReadItems ? <ReferenceField source="itemId" reference="items" link="show" /> : <NumberField source="itemId" />}
          </Labeled>
          <Labeled>
            <AddressField source="annotatorAddress" full />
          </Labeled>
          <Labeled>
            <LeadTimeField source="serverTimeMs" />
          </Labeled>
          <Labeled>
            <LeadTimeField source="leadTimeMs" />
          </Labeled>
          <Labeled>
            <DateField source="createdAt" showTime />
          </Labeled>
        </Box>
        <Labeled>
          <AnnotationStatusField source="status" />
        </Labeled>
        {canReadItems ? (
          <ReferenceField source="itemId" reference="items" link={false} label={false}>
            <DrawnAnnotationResult />
          </ReferenceField>
        ) : (
          <DrawnAnnotationResult />
        )}
        <RawJson source="result" />
      </SimpleShowLayout>
    </Show>
  );
}

/**
 * The label drawn over its item, read-only: inside the item's ReferenceField for those who may read
 * items; reviewers (who may not) get it over what the annotation alone holds (no image or text).
 */
function DrawnAnnotationResult() {
  const { record: annotation } = useShowContext<Annotation>();
  const context = useRecordContext<Item | Annotation>();
  if (!annotation) return null;
  const item = context && context !== annotation ? (context as Item) : {};
  return <DrawnResult projectId={annotation.projectId} item={item} result={annotation.result} />;
}
