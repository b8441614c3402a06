import { Box } from '@mui/material';
import { Loading, Title, useCanAccess, useTranslate } from 'react-admin';
import { LoadError } from '../LoadError';
import { AccessDenied } from '../AccessDenied';
import { ActiveAnnotators } from './ActiveAnnotators';
import { ActiveSuspensions } from './ActiveSuspensions';
import { AnnotationsTotal } from './AnnotationsTotal';
import { AnnotatorsTotal } from './AnnotatorsTotal';
import { ItemsTotal } from './ItemsTotal';
import { LabelsPerDayChart } from './LabelsPerDayChart';
import { PendingReviews } from './PendingReviews';
import { ProjectsProgress } from './ProjectsProgress';
import { ProjectsTotal } from './ProjectsTotal';
import { useDashboardStats } from './useDashboardStats';

/** The console's home: admins get the numbers, anyone else the page saying what their role allows. */
export function Dashboard() {
  const { canAccess, isPending } = useCanAccess({ resource: 'dashboard', action: 'read' });
  if (isPending) return <Loading />;
  return canAccess ? <DashboardContent /> : <AccessDenied />;
}

function DashboardContent() {
  const translate = useTranslate();
  const { data, error, isPending, refetch } = useDashboardStats();
  const title = <Title title={translate('tessera.admin.dashboard.title')} />;
  if (isPending) {
    return (
      <>
        {title}
        <Loading />
      </>
    );
  }
  if (error) {
    return (
      <Box sx={{ mt: 2 }}>
        {title}
        <LoadError prefix="tessera.admin.dashboard" error={error} onRetry={refetch} />
      </Box>
    );
  }
  return (
    <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      {title}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { minWidth: { xs: '100%', sm: 180 } } }}>
        <ProjectsTotal totals={data.totals} />
        <ItemsTotal totals={data.totals} />
        <AnnotationsTotal totals={data.totals} />
        <AnnotatorsTotal totals={data.totals} />
        <ActiveAnnotators active={data.activeAnnotators} />
        <PendingReviews totals={data.totals} />
        <ActiveSuspensions totals={data.totals} />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', '& > *': { minWidth: 0, maxWidth: '100%' } }}>
        <LabelsPerDayChart labelsPerDay={data.labelsPerDay} />
        <ProjectsProgress projects={data.projects} />
      </Box>
    </Box>
  );
}
