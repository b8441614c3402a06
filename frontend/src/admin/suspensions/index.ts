import SuspensionIcon from '@mui/icons-material/Block';
import { shortAddress } from '../address';
import type { Suspension } from '../types';
import { SuspensionCreate } from './SuspensionCreate';
import { SuspensionList } from './SuspensionList';
import { SuspensionShow } from './SuspensionShow';

export default {
  list: SuspensionList,
  show: SuspensionShow,
  create: SuspensionCreate,
  icon: SuspensionIcon,
  recordRepresentation: (record: Suspension) => `#${record.id} ${shortAddress(record.annotatorAddress)}`,
};
