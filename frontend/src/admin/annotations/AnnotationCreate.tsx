import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { itemFilterToQuery } from '../items/itemQuery';
import { JsonInput } from '../json/JsonInput';

/** An admin's own annotation (e.g. a correction) on an item. */
export function AnnotationCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="itemId" reference="items">
          <AutocompleteInput filterToQuery={itemFilterToQuery} validate={required()} />
        </ReferenceInput>
        <JsonInput source="result" helperText="tessera.admin.annotations.resultHelp" />
      </SimpleForm>
    </Create>
  );
}
