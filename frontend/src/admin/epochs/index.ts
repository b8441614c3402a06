import EpochIcon from '@mui/icons-material/Payments';
import type { Epoch } from '../types';
import { EpochCreate } from './EpochCreate';
import { EpochList } from './EpochList';
import { EpochShow } from './EpochShow';

export default {
  list: EpochList,
  show: EpochShow,
  create: EpochCreate,
  icon: EpochIcon,
  recordRepresentation: (record: Epoch) => `#${record.id}`,
};
