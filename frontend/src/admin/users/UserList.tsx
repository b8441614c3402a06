import { Datagrid, DateField, List, SearchInput, SelectInput } from 'react-admin';
import { AddressField } from './AddressField';
import { AnnotatorQualityButton } from './AnnotatorQualityButton';
import { roleChoices } from './roles';
import { RolesField } from './RolesField';

const userFilters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />];

export function UserList() {
  return (
    <List filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="edit">
        <AddressField source="address" full />
        <RolesField source="roles" sortable={false} />
        <DateField source="createdAt" showTime />
        <DateField source="lastSignInAt" showTime emptyText="tessera.admin.users.never" />
        <AnnotatorQualityButton />
      </Datagrid>
    </List>
  );
}
