import PayoutIcon from '@mui/icons-material/Send';
import type { Payout } from '../types';
import { PayoutList } from './PayoutList';

export default {
  list: PayoutList,
  icon: PayoutIcon,
  recordRepresentation: (record: Payout) => record.purpose,
};
