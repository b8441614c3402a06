import DatasetIcon from '@mui/icons-material/Dataset';
import type { Dataset } from '../types';
import { DatasetCreate } from './DatasetCreate';
import { DatasetList } from './DatasetList';
import { DatasetShow } from './DatasetShow';

export default {
  list: DatasetList,
  create: DatasetCreate,
  show: DatasetShow,
  icon: DatasetIcon,
  recordRepresentation: (record: Dataset) => record.name,
};
