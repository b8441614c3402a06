import { Edit, Labeled, minValue, NumberInput, number, ReferenceField, required, SimpleForm, TextField } from 'react-admin';
import { JsonInput } from '../json/JsonInput';

/** Pessimistic, so a refusal of the data by the project's rules lands on the data field. */
export function ItemEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <Labeled>
          <ReferenceField source="projectId" reference="projects" />
        </Labeled>
        <Labeled>
          <TextField source="externalId" emptyText="—" />
        </Labeled>
        <JsonInput source="data" helperText="tessera.admin.items.dataHelp" />
        <NumberInput source="overlap" min={1} step={1} validate={[required(), number(), minValue(1)]} />
      </SimpleForm>
    </Edit>
  );
}
