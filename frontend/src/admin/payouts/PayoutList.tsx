import { Datagrid, DateField, type FieldProps, List, NumberField, SearchInput, SelectInput, SimpleList, TextField } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import { EmptyList } from '../EmptyList';
import type { Payout } from '../types';
import { PAYOUT_LANE_PREFIX, PAYOUT_STATUS_PREFIX, payoutLaneChoices, payoutStatusChoices, payoutStatusColors } from './choices';
import { TxHashField } from './TxHashField';
import { useNarrow } from '../useNarrow';

const payoutFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={payoutStatusChoices} alwaysOn />,
  <SelectInput key="lane" source="lane" choices={payoutLaneChoices} alwaysOn />,
];

function PayoutStatusField(props: FieldProps<Payout>) {
  return <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={PAYOUT_STATUS_PREFIX} colors={payoutStatusColors} />;
}

function PayoutLaneField(props: FieldProps<Payout>) {
  return <ChoiceChip {...props} source={props.source ?? 'lane'} translationPrefix={PAYOUT_LANE_PREFIX} />;
}

/**
 * The platform's chain transactions (epoch posts, push batches, relayed claims), newest first, from
 * intent to confirmation, with the tries that went wrong (retried, not failed), the last error and
 * when the next try is due. Read only: the outbox sends, retries and replaces them.
 */
export function PayoutList() {
  const narrow = useNarrow();
  return (
    <List
      filters={payoutFilters}
      sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyList title="tessera.admin.payouts.empty" help="tessera.admin.payouts.emptyHelp" />}
    >
      {narrow ? (
        <SimpleList<Payout>
          primaryText={(record) => `#${record.id} · ${record.purpose}`}
          secondaryText={(record) => record.error ?? record.lastError ?? <TxHashField source="hash" emptyText="—" />}
          tertiaryText={() => <PayoutStatusField source="status" />}
          linkType={false}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <NumberField source="id" />
          <TextField source="purpose" sortable={false} sx={{ fontFamily: 'monospace' }} />
          <PayoutLaneField source="lane" sortable={false} />
          <PayoutStatusField source="status" />
          <TxHashField source="hash" sortable={false} emptyText="—" />
          <NumberField source="versions" sortable={false} />
          <NumberField source="nonce" sortable={false} emptyText="—" />
          <NumberField source="blockNumber" sortable={false} emptyText="—" />
          <NumberField source="gasUsed" sortable={false} emptyText="—" />
          <NumberField source="attempts" sortable={false} />
          <TextField source="lastError" sortable={false} emptyText="—" sx={{ color: 'warning.main' }} />
          <DateField source="nextAttemptAt" showTime sortable={false} emptyText="—" />
          <TextField source="error" sortable={false} emptyText="—" sx={{ color: 'error.main' }} />
          <DateField source="createdAt" showTime />
          <DateField source="updatedAt" showTime />
        </Datagrid>
      )}
    </List>
  );
}
