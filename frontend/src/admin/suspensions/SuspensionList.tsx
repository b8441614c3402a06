import {
  AutocompleteInput,
  Datagrid,
  DateField,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SimpleList,
  TextField,
} from 'react-admin';
import { AddressField } from '../users/AddressField';
import { LiftButton } from './LiftButton';
import { ActiveField, ReasonsField } from './SuspensionFields';
import type { Suspension } from '../types';
import { useNarrow } from '../useNarrow';

const suspensionFilters = [
  <NullableBooleanInput key="active" source="active" alwaysOn />,
  <NullableBooleanInput key="reviewRequested" source="reviewRequested" alwaysOn />,
  <ReferenceInput key="annotatorId" source="annotatorId" reference="users" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function SuspensionList() {
  const narrow = useNarrow();
  return (
    <List filters={suspensionFilters} filterDefaultValues={{ active: true }} sort={{ field: 'id', order: 'DESC' }}>
      {narrow ? (
        <SimpleList<Suspension>
          primaryText={() => <AddressField source="annotatorAddress" />}
          secondaryText={(record) => record.reviewMessage ?? <ReasonsField source="reasons" />}
          tertiaryText={() => <ActiveField source="active" />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <AddressField source="annotatorAddress" sortable={false} />
          <ReferenceField
            source="projectId"
            reference="projects"
            sortable={false}
            link={false}
            emptyText="tessera.admin.suspensions.global"
          />
          <ReasonsField source="reasons" sortable={false} />
          <ActiveField source="active" sortable={false} />
          <DateField source="createdAt" showTime />
          <DateField source="liftedAt" showTime emptyText="tessera.admin.suspensions.notLifted" />
          <DateField source="reviewRequestedAt" showTime emptyText="tessera.admin.suspensions.noReviewRequest" />
          <TextField source="reviewMessage" sortable={false} emptyText="tessera.admin.suspensions.noReviewRequest" />
          <LiftButton />
        </Datagrid>
      )}
    </List>
  );
}
