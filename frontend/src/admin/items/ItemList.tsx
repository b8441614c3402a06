import { ItemLabelCountField } from '../annotations/LabelCounts';
import {
  AutocompleteInput,
  Datagrid,
  DateField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
} from 'react-admin';
import type { Item } from '../types';
import { useNarrow } from '../useNarrow';
import { itemStatusChoices } from './choices';
import { DataPreviewField, GoldField, ItemStatusField } from './ItemFields';

const itemFilters = [
  <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={itemStatusChoices} alwaysOn />,
  <TextInput key="externalId" source="externalId" />,
];

export function ItemList() {
  const narrow = useNarrow();
  return (
    <List filters={itemFilters} sort={{ field: 'id', order: 'DESC' }}>
      {narrow ? (
        <SimpleList<Item>
          primaryText={(record) => (
            <>
              #{record.id} · <ReferenceField source="projectId" reference="projects" link={false} />
            </>
          )}
          secondaryText={() => <DataPreviewField source="data" />}
          tertiaryText={() => <ItemStatusField source="status" />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show">
          <TextField source="id" />
          <ReferenceField source="projectId" reference="projects" sortable={false} />
          <TextField source="externalId" emptyText="—" />
          <DataPreviewField source="data" sortable={false} />
          <ItemStatusField source="status" sortable={false} />
          <GoldField source="gold" sortable={false} />
          <ItemLabelCountField source="annotationCount" sortable={false} />
          <NumberField source="overlap" />
          <DateField source="createdAt" />
        </Datagrid>
      )}
    </List>
  );
}
