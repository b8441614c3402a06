import {
  AutocompleteInput,
  Datagrid,
  DateField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  useCanAccess,
} from 'react-admin';
import { itemFilterToQuery } from '../items/itemQuery';
import { AddressField } from '../users/AddressField';
import { AnnotationResultField, LeadTimeField } from './AnnotationFields';

/**
 * Reviewers read annotations but not items or users (the API refuses those): for them the item and
 * annotator filters take ids, and the item column shows the id.
 */
function annotationFilters(canReadItems: boolean, canReadUsers: boolean) {
  return [
    <ReferenceInput key="projectId" source="projectId" reference="projects" alwaysOn>
      <AutocompleteInput />
    </ReferenceInput>,
    canReadItems ? (
      <ReferenceInput key="itemId" source="itemId" reference="items">
        <AutocompleteInput filterToQuery={itemFilterToQuery} />
      </ReferenceInput>
    ) : (
      <NumberInput key="itemId" source="itemId" min={1} />
    ),
    canReadUsers ? (
      <ReferenceInput key="annotatorId" source="annotatorId" reference="users">
        <AutocompleteInput />
      </ReferenceInput>
    ) : (
      <NumberInput key="annotatorId" source="annotatorId" min={1} />
    ),
  ];
}

export function AnnotationList() {
  const { canAccess: canReadItems = false } = useCanAccess({ resource: 'items', action: 'list' });
  const { canAccess: canReadUsers = false } = useCanAccess({ resource: 'users', action: 'list' });
  const filters = annotationFilters(canReadItems, canReadUsers);
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show">
        <NumberField source="id" />
        <ReferenceField source="projectId" reference="projects" sortable={false} link={false} />
        {canReadItems ? <ReferenceField source="itemId" reference="items" link="show" /> : <NumberField source="itemId" />}
        <AddressField source="annotatorAddress" sortBy="annotatorId" />
        <AnnotationResultField source="result" sortable={false} />
        <LeadTimeField source="serverTimeMs" />
        <LeadTimeField source="leadTimeMs" />
        <DateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}
