import { DateField, NumberField, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { AddressField } from '../users/AddressField';
import { LiftButton } from './LiftButton';
import { ActiveField, ReasonsField } from './SuspensionFields';

function SuspensionShowActions() {
  return (
    <TopToolbar>
      <LiftButton />
    </TopToolbar>
  );
}

export function SuspensionShow() {
  return (
    <Show actions={<SuspensionShowActions />}>
      <SimpleShowLayout>
        <NumberField source="id" />
        <AddressField source="annotatorAddress" full />
        <ReferenceField source="projectId" reference="projects" emptyText="tessera.admin.suspensions.global" />
        <ReasonsField source="reasons" detailed />
        <ActiveField source="active" />
        <DateField source="createdAt" showTime />
        <DateField source="liftedAt" showTime emptyText="tessera.admin.suspensions.notLifted" />
        <ReferenceField source="liftedBy" reference="users" emptyText="tessera.admin.suspensions.notLifted" />
        <DateField source="reviewRequestedAt" showTime emptyText="tessera.admin.suspensions.noReviewRequest" />
        <TextField source="reviewMessage" emptyText="tessera.admin.suspensions.noReviewRequest" />
      </SimpleShowLayout>
    </Show>
  );
}
