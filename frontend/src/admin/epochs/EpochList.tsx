import { CreateButton, Datagrid, DateField, List, NumberField, SelectInput, SimpleList, TextField, TopToolbar } from 'react-admin';
import { EmptyList } from '../EmptyList';
import { TxHashField } from '../payouts/TxHashField';
import { epochModeChoices, epochStatusChoices } from './choices';
import { EpochClaimsField, EpochModeField, EpochStatusField } from './EpochFields';
import type { Epoch } from '../types';
import { useNarrow } from '../useNarrow';

const epochFilters = [
  <SelectInput key="status" source="status" choices={epochStatusChoices} alwaysOn />,
  <SelectInput key="mode" source="mode" choices={epochModeChoices} alwaysOn />,
];

function EpochListActions() {
  return (
    <TopToolbar>
      <CreateButton label="tessera.admin.epochs.close" />
    </TopToolbar>
  );
}

function EpochsEmpty() {
  return (
    <EmptyList
      title="tessera.admin.epochs.empty"
      help="tessera.admin.epochs.emptyHelp"
      action={<CreateButton variant="contained" label="tessera.admin.epochs.close" />}
    />
  );
}

/** Payout epochs, newest first. Columns the API cannot sort on are marked `sortable={false}`. */
export function EpochList() {
  const narrow = useNarrow();
  return (
    <List filters={epochFilters} actions={<EpochListActions />} sort={{ field: 'id', order: 'DESC' }} empty={<EpochsEmpty />}>
      {narrow ? (
        <SimpleList<Epoch>
          primaryText={(record) => `#${record.id} · ${record.total}`}
          secondaryText={() => <EpochModeField source="mode" />}
          tertiaryText={() => <EpochStatusField source="status" />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <NumberField source="id" />
          <EpochModeField source="mode" sortable={false} />
          <EpochStatusField source="status" />
          <TextField source="total" sortable={false} />
          <NumberField source="recipients" sortable={false} />
          <EpochClaimsField label="resources.epochs.fields.claims" sortable={false} />
          <DateField source="expiresAt" showTime sortable={false} />
          <DateField source="createdAt" showTime />
          <DateField source="postedAt" showTime emptyText="—" />
          <TxHashField source="postTxHash" sortable={false} emptyText="—" />
        </Datagrid>
      )}
    </List>
  );
}
