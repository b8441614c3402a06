import { Box } from '@mui/material';
import { Edit, Labeled, NumberField, ReferenceField, SimpleForm } from 'react-admin';
import { JsonInput } from '../json/JsonInput';
import { AddressField } from '../users/AddressField';

/** Pessimistic, so a result refused by the project's schema shows on the result field. */
export function AnnotationEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <ReferenceField source="projectId" reference="projects" link={false} />
          </Labeled>
          <Labeled>
            <NumberField source="itemId" />
          </Labeled>
          <Labeled>
            <AddressField source="annotatorAddress" full />
          </Labeled>
        </Box>
        <JsonInput source="result" helperText="tessera.admin.annotations.resultHelp" />
      </SimpleForm>
    </Edit>
  );
}
