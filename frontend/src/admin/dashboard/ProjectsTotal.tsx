import AssignmentIcon from '@mui/icons-material/Assignment';
import { useCreatePath, useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

export function ProjectsTotal({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <CardWithIcon
      icon={AssignmentIcon}
      to={createPath({ resource: 'projects', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.projects')}
      value={totals.projects.toLocaleString()}
    />
  );
}
