import { Datagrid, DateField, List, NumberField, SearchInput, SelectInput, SimpleList, TextField } from 'react-admin';
import { ProjectLabelCountField } from '../annotations/LabelCounts';
import { projectStatusChoices, projectTypeChoices } from './choices';
import { ProjectStatusField, ProjectTypeField } from './ProjectChips';
import { ProjectProgressField } from './ProjectProgressField';
import type { Project } from '../types';
import { useNarrow } from '../useNarrow';

const projectFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={projectStatusChoices} />,
  <SelectInput key="type" source="type" choices={projectTypeChoices} />,
];

/** Columns the API cannot sort on are marked `sortable={false}` (it refuses unknown sorts). */
export function ProjectList() {
  const narrow = useNarrow();
  return (
    <List filters={projectFilters} sort={{ field: 'createdAt', order: 'DESC' }}>
      {narrow ? (
        <SimpleList<Project>
          primaryText={(record) => record.name}
          secondaryText={() => <ProjectProgressField />}
          tertiaryText={() => <ProjectStatusField source="status" />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="name" />
          <ProjectTypeField source="type" />
          <ProjectStatusField source="status" />
          <NumberField source="overlap" />
          <TextField source="rewardPerLabel" sortable={false} />
          <ProjectProgressField label="resources.projects.fields.progress" sortable={false} />
          <ProjectLabelCountField source="stats.annotations" sortable={false} />
          <DateField source="createdAt" />
        </Datagrid>
      )}
    </List>
  );
}
