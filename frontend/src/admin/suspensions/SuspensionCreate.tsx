import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';

export function SuspensionCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="annotatorId" reference="users">
          <AutocompleteInput validate={required()} sx={{ minWidth: 320 }} />
        </ReferenceInput>
        <TextInput source="note" multiline minRows={3} fullWidth helperText="tessera.admin.suspensions.noteHelp" sx={{ maxWidth: 520 }} />
      </SimpleForm>
    </Create>
  );
}
