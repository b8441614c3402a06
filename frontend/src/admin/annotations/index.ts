import AnnotationIcon from '@mui/icons-material/Label';
import type { Annotation } from '../types';
import { AnnotationCreate } from './AnnotationCreate';
import { AnnotationEdit } from './AnnotationEdit';
import { AnnotationList } from './AnnotationList';
import { AnnotationShow } from './AnnotationShow';

export default {
  list: AnnotationList,
  create: AnnotationCreate,
  edit: AnnotationEdit,
  show: AnnotationShow,
  icon: AnnotationIcon,
  recordRepresentation: (record: Annotation) => `#${record.id}`,
};
