import LabelIcon from '@mui/icons-material/Label';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

export function AnnotationsTotal({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={LabelIcon}
      to={createPath({ resource: 'annotations', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.annotations')}
      value={totals.annotations.toLocaleString()}
    />
  );
}
