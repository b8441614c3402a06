import PeopleIcon from '@mui/icons-material/People';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

export function AnnotatorsTotal({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={PeopleIcon}
      to={createPath({ resource: 'users', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.annotators')}
      value={totals.annotators.toLocaleString()}
    />
  );
}
