import { Datagrid, DateField, List, NumberField, TextField } from 'react-admin';
import { EmptyList } from '../EmptyList';
import { SalesOverview } from './SalesOverview';

/** Dataset sales: the share and revenue overview, then every order, newest first. */
export function SalesList() {
  return (
    <>
      <SalesOverview />
      <List
        sort={{ field: 'soldAt', order: 'DESC' }}
        empty={<EmptyList title="tessera.admin.sales.empty" help="tessera.admin.sales.emptyHelp" />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <DateField source="soldAt" showTime />
          <TextField source="datasetName" sortable={false} emptyText="—" />
          <TextField source="consumer" sortable={false} />
          <TextField source="amount" sortBy="baseTokenAmount" textAlign="right" />
          <TextField source="shared" sortable={false} textAlign="right" />
          <NumberField source="annotators" sortable={false} />
          <TextField source="txHash" sortable={false} />
        </Datagrid>
      </List>
    </>
  );
}
