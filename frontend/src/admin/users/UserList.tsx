import { Datagrid, DateField, List, SearchInput, SelectInput, SimpleList } from 'react-admin';
import { AddressField } from './AddressField';
import { AnnotatorQualityButton } from './AnnotatorQualityButton';
import { roleChoices } from './roles';
import { RolesField } from './RolesField';
import type { User } from '../types';
import { useNarrow } from '../useNarrow';

const userFilters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />];

export function UserList() {
  const narrow = useNarrow();
  return (
    <List filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }}>
      {narrow ? (
        <SimpleList<User>
          primaryText={() => <AddressField source="address" />}
          secondaryText={() => <RolesField source="roles" />}
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit">
          <AddressField source="address" full />
          <RolesField source="roles" sortable={false} />
          <DateField source="createdAt" showTime />
          <DateField source="lastSignInAt" showTime emptyText="tessera.admin.users.never" />
          <AnnotatorQualityButton />
        </Datagrid>
      )}
    </List>
  );
}
