import {
  CreateButton,
  Datagrid,
  DateField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
} from 'react-admin';
import { EmptyList } from '../EmptyList';
import type { Dataset } from '../types';
import { datasetKindChoices, datasetStatusChoices } from './choices';
import { DatasetKindField, DatasetStatusField } from './DatasetFields';
import { useNarrow } from '../useNarrow';

const datasetFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn />,
  <SelectInput key="status" source="status" choices={datasetStatusChoices} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={datasetKindChoices} />,
];

function DatasetListActions() {
  return (
    <TopToolbar>
      <CreateButton label="tessera.admin.datasets.build" />
    </TopToolbar>
  );
}

function DatasetsEmpty() {
  return (
    <EmptyList
      title="tessera.admin.datasets.empty"
      help="tessera.admin.datasets.emptyHelp"
      action={<CreateButton variant="contained" label="tessera.admin.datasets.build" />}
    />
  );
}

/** Dataset versions, newest first; a building version shows its step and progress. */
export function DatasetList() {
  const narrow = useNarrow();
  return (
    <List
      filters={datasetFilters}
      actions={<DatasetListActions />}
      sort={{ field: 'id', order: 'DESC' }}
      empty={<DatasetsEmpty />}
      queryOptions={{
        refetchInterval: (query) =>
          (query.state.data?.data as Dataset[] | undefined)?.some((d) => d.status === 'building') ? 2000 : false,
      }}
    >
      {narrow ? (
        <SimpleList<Dataset>
          primaryText={(record) => record.name}
          secondaryText={() => <ReferenceField source="projectId" reference="projects" link={false} />}
          tertiaryText={() => <DatasetStatusField source="status" />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <NumberField source="id" />
          <TextField source="name" />
          <ReferenceField source="projectId" reference="projects" link="show" />
          <DatasetKindField source="kind" />
          <DatasetStatusField source="status" />
          <NumberField source="itemCount" emptyText="—" />
          <TextField source="license" sortable={false} />
          <DateField source="createdAt" showTime />
        </Datagrid>
      )}
    </List>
  );
}
