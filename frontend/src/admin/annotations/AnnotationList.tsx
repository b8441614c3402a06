import {
  AutocompleteInput,
  Datagrid,
  DateField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleList,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { useMediaQuery, type Theme } from '@mui/material';
import { itemFilterToQuery } from '../items/itemQuery';
import type { Annotation } from '../types';
import { AddressField } from '../users/AddressField';
import { AnnotationResultField, LeadTimeField } from './AnnotationFields';
import { AnnotationStatusField, annotationStatusChoices } from './LabelCounts';
import { summarizeResult } from './resultSummary';

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
    <SelectInput key="status" source="status" choices={annotationStatusChoices} />,
  ];
}

export function AnnotationList() {
  const { canAccess: canReadItems = false } = useCanAccess({ resource: 'items', action: 'list' });
  const { canAccess: canReadUsers = false } = useCanAccess({ resource: 'users', action: 'list' });
  const filters = annotationFilters(canReadItems, canReadUsers);
  const narrow = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      {narrow ? (
        <SimpleList<Annotation>
          primaryText={(record) => `#${record.id} · ${translate('resources.annotations.fields.itemId')} ${record.itemId}`}
          secondaryText={(record) => resultLine(record.result, translate)}
          tertiaryText={(record) => translate(`tessera.admin.labelCounts.statuses.${record.status}`)}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show">
          <NumberField source="id" />
          <ReferenceField source="projectId" reference="projects" sortable={false} link={false} />
          {canReadItems ? <ReferenceField source="itemId" reference="items" link="show" /> : <NumberField source="itemId" />}
          <AddressField source="annotatorAddress" sortBy="annotatorId" />
          <AnnotationResultField source="result" sortable={false} />
          <LeadTimeField source="serverTimeMs" />
          <LeadTimeField source="leadTimeMs" />
          <AnnotationStatusField source="status" sortable={false} />
          <DateField source="createdAt" showTime />
        </Datagrid>
      )}
    </List>
  );
}

/** One line for a label on a narrow screen (the table's result column, as text). */
function resultLine(result: unknown, translate: ReturnType<typeof useTranslate>): string {
  const summary = summarizeResult(result);
  switch (summary.kind) {
    case 'text':
      return summary.text;
    case 'spans':
    case 'boxes':
      return translate(`tessera.admin.annotations.summary.${summary.kind}`, { smart_count: summary.count });
    case 'noLabels':
    case 'empty':
      return translate(`tessera.admin.annotations.summary.${summary.kind}`);
  }
}
