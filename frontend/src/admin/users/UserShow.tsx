import { DateField, EditButton, Show, TabbedShowLayout, TopToolbar } from 'react-admin';
import { AddressField } from './AddressField';
import { AnnotatorQualityTab } from './quality/AnnotatorQualityTab';
import { RolesField } from './RolesField';

function UserShowActions() {
  return (
    <TopToolbar>
      <EditButton />
    </TopToolbar>
  );
}

export function UserShow() {
  return (
    <Show actions={<UserShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="tessera.admin.users.tabs.account">
          <AddressField source="address" full />
          <RolesField source="roles" />
          <DateField source="createdAt" showTime />
          <DateField source="lastSignInAt" showTime emptyText="tessera.admin.users.never" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="tessera.admin.users.tabs.quality" path="quality">
          <AnnotatorQualityTab />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
