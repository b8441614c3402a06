import ProjectIcon from '@mui/icons-material/Assignment';
import type { Project } from '../types';
import { ProjectCreate } from './ProjectCreate';
import { ProjectEdit } from './ProjectEdit';
import { ProjectList } from './ProjectList';
import { ProjectShow } from './ProjectShow';

export default {
  list: ProjectList,
  create: ProjectCreate,
  edit: ProjectEdit,
  show: ProjectShow,
  icon: ProjectIcon,
  recordRepresentation: (record: Project) => record.name,
};
