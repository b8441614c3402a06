import BlockIcon from '@mui/icons-material/Block';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

/** Suspensions not lifted: links to the suspensions list, which opens on the active ones. */
export function ActiveSuspensions({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={BlockIcon}
      to={createPath({ resource: 'suspensions', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.activeSuspensions')}
      value={totals.activeSuspensions.toLocaleString()}
    />
  );
}
