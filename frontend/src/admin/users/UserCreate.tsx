import { CheckboxGroupInput, Create, SimpleForm, TextInput } from 'react-admin';
import { ethereumAddress, roleChoices } from './roles';

export function UserCreate() {
  return (
    <Create redirect="list" record={{ roles: ['annotator'] }}>
      <SimpleForm>
        <TextInput source="address" validate={ethereumAddress} fullWidth sx={{ maxWidth: 520 }} />
        <CheckboxGroupInput source="roles" choices={roleChoices} />
      </SimpleForm>
    </Create>
  );
}
