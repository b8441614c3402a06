import ReviewIcon from '@mui/icons-material/FactCheck';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

/** Items the quality engine could not settle, waiting for a reviewer: links to the review queue. */
export function PendingReviews({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={ReviewIcon}
      to={createPath({ resource: 'review', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.pendingReviews')}
      value={totals.pendingReviews.toLocaleString()}
    />
  );
}
