import { CheckboxGroupInput, DateField, Edit, Labeled, SimpleForm } from 'react-admin';
import { AddressField } from './AddressField';
import { roleChoices } from './roles';

/** Only roles change; the address is the account. */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <Labeled>
          <AddressField source="address" full />
        </Labeled>
        <Labeled>
          <DateField source="lastSignInAt" showTime emptyText="tessera.admin.users.never" />
        </Labeled>
        <CheckboxGroupInput source="roles" choices={roleChoices} />
      </SimpleForm>
    </Edit>
  );
}
