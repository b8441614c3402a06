import SalesIcon from '@mui/icons-material/PointOfSale';
import { SalesList } from './SalesList';
import type { Sale } from './types';

export default {
  list: SalesList,
  icon: SalesIcon,
  recordRepresentation: (record: Sale) => `#${record.id}`,
};
