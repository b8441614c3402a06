import { Box, Typography } from '@mui/material';
import { Loading, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import type { Project } from '../../types';
import { AgreementCard } from './AgreementCard';
import { AnnotatorQualityCard } from './AnnotatorQualityCard';
import { ConfidenceHistogramCard } from './ConfidenceHistogramCard';
import { ItemStatusesCard } from './ItemStatusesCard';
import { MethodSelectionCard } from './MethodSelectionCard';
import { QualityHeader } from './QualityHeader';
import { useProjectQuality } from './useProjectQuality';
import { LoadError } from '../../LoadError';

/** The project show page's Quality tab: the last aggregation of its labels, and a way to rerun it. */
export function ProjectQualityTab() {
  const record = useRecordContext<Project>();
  if (!record) return null;
  return <ProjectQualityContent projectId={record.id} />;
}

function ProjectQualityContent({ projectId }: { projectId: Identifier }) {
  const translate = useTranslate();
  const { data, error, isPending, refetch } = useProjectQuality(projectId);
  if (isPending) return <Loading />;
  if (error) {
    return <LoadError prefix="tessera.admin.quality" error={error} onRetry={refetch} />;
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <QualityHeader projectId={projectId} quality={data} />
      {data.computedAt === null ? (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.admin.quality.empty')}
        </Typography>
      ) : (
        <>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <ItemStatusesCard statuses={data.statuses} />
            <AgreementCard quality={data} />
            {data.selection && <MethodSelectionCard selection={data.selection} />}
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <ConfidenceHistogramCard histogram={data.confidenceHistogram} />
            <AnnotatorQualityCard workers={data.workers} />
          </Box>
        </>
      )}
    </Box>
  );
}
