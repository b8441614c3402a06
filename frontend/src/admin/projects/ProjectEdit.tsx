import { Edit } from 'react-admin';
import { ProjectForm } from './ProjectForm';

/** Pessimistic, so a refusal from the API (e.g. a label in use removed) lands on its field. */
export function ProjectEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <ProjectForm />
    </Edit>
  );
}
