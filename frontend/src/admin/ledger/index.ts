import LedgerIcon from '@mui/icons-material/ReceiptLong';
import type { LedgerEntry } from '../types';
import { LedgerList } from './LedgerList';

export default {
  list: LedgerList,
  icon: LedgerIcon,
  recordRepresentation: (record: LedgerEntry) => `#${record.id}`,
};
