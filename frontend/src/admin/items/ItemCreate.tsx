import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';
import { JsonInput } from '../json/JsonInput';

export function ItemCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="projectId" reference="projects">
          <AutocompleteInput validate={required()} />
        </ReferenceInput>
        <TextInput source="externalId" />
        <JsonInput source="data" helperText="tessera.admin.items.dataHelp" />
      </SimpleForm>
    </Create>
  );
}
