import { Create } from 'react-admin';
import type { ProjectFormValues } from './projectValidation';
import { ProjectForm } from './ProjectForm';

const defaults: ProjectFormValues = {
  type: 'classification',
  labels: [],
  overlap: 1,
  rewardPerLabel: '0',
  instructions: '',
  status: 'draft',
};

export function ProjectCreate() {
  return (
    <Create redirect="show" record={defaults}>
      <ProjectForm />
    </Create>
  );
}
