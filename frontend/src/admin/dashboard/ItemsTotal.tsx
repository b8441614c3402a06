import DatasetIcon from '@mui/icons-material/Dataset';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

export function ItemsTotal({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={DatasetIcon}
      to={createPath({ resource: 'items', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.items')}
      value={totals.items.toLocaleString()}
    />
  );
}
