import { Box } from '@mui/material';
import { DateField, Labeled, NumberField, ReferenceField, Show, SimpleShowLayout, useCanAccess } from 'react-admin';
import { DataPreviewField } from '../items/ItemFields';
import { JsonField } from '../json/JsonField';
import { AddressField } from '../users/AddressField';
import { LeadTimeField } from './AnnotationFields';

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
        {canReadItems && (
          <ReferenceField source="itemId" reference="items" link={false} label={false}>
            <DataPreviewField size="large" />
          </ReferenceField>
        )}
        <Labeled>
          <JsonField source="result" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
