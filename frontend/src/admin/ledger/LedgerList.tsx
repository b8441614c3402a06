import { AutocompleteInput, Datagrid, DateField, List, ReferenceInput, SelectInput, SimpleList, TextField } from 'react-admin';
import { EmptyList } from '../EmptyList';
import { AddressField } from '../users/AddressField';
import { ledgerKindChoices } from './choices';
import { LedgerAmountField, LedgerKindField, MultiplierField } from './LedgerFields';
import type { LedgerEntry } from '../types';
import { useNarrow } from '../useNarrow';

const ledgerFilters = [
  <ReferenceInput key="annotatorId" source="annotatorId" reference="users" alwaysOn>
    <AutocompleteInput sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
    <AutocompleteInput sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <SelectInput key="kind" source="kind" choices={ledgerKindChoices} alwaysOn />,
];

/**
 * The rewards ledger, newest first: append-only credits, reversals and adjustments. Read only;
 * the API sorts it on id and createdAt alone.
 */
export function LedgerList() {
  const narrow = useNarrow();
  return (
    <List
      filters={ledgerFilters}
      sort={{ field: 'id', order: 'DESC' }}
      empty={<EmptyList title="tessera.admin.ledger.empty" help="tessera.admin.ledger.emptyHelp" />}
    >
      {narrow ? (
        <SimpleList<LedgerEntry>
          primaryText={() => <LedgerAmountField />}
          secondaryText={(record) => (
            <>
              <AddressField source="address" /> · {record.projectName ?? '—'}
            </>
          )}
          tertiaryText={() => <LedgerKindField source="kind" />}
          linkType={false}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="id" />
          <DateField source="createdAt" showTime />
          <AddressField source="address" sortable={false} />
          <TextField source="projectName" sortable={false} emptyText="—" />
          <LedgerKindField source="kind" sortable={false} />
          <LedgerAmountField label="resources.ledger.fields.amount" sortable={false} textAlign="right" />
          <MultiplierField label="resources.ledger.fields.multiplierBps" sortable={false} />
          <TextField source="annotationId" sortable={false} emptyText="—" />
        </Datagrid>
      )}
    </List>
  );
}
