import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import type { User } from '../../types';
import { AccuracyOverTimeCard } from './AccuracyOverTimeCard';
import { AnnotatorProjectFilter } from './AnnotatorProjectFilter';
import { AnnotatorProjectsCard } from './AnnotatorProjectsCard';
import { ConfusionMatrixCard } from './ConfusionMatrixCard';
import { SuspensionHistoryCard } from './SuspensionHistoryCard';
import { useAnnotatorQuality } from './useAnnotatorQuality';
import { LoadError } from '../../LoadError';

/** The user show page's Quality tab: how the annotator's labels measure up, and their suspensions. */
export function AnnotatorQualityTab() {
  const record = useRecordContext<User>();
  if (!record) return null;
  return <AnnotatorQualityContent annotatorId={record.id} />;
}

function AnnotatorQualityContent({ annotatorId }: { annotatorId: Identifier }) {
  const translate = useTranslate();
  const [projectId, setProjectId] = useState<number | null>(null);
  const { data, error, isPending, refetch } = useAnnotatorQuality(annotatorId, projectId);
  if (isPending) return <Loading />;
  if (error) {
    return <LoadError prefix="tessera.admin.annotatorQuality" error={error} onRetry={refetch} />;
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {data.projects.length === 0 ? (
        <Typography variant="body1" color="text.secondary">
          {translate('tessera.admin.annotatorQuality.noLabels')}
        </Typography>
      ) : (
        <>
          <AnnotatorProjectsCard projects={data.projects} />
          <AnnotatorProjectFilter projects={data.projects} value={projectId} onChange={setProjectId} />
          <AccuracyOverTimeCard days={data.days} />
          <ConfusionMatrixCard confusion={data.confusion} projects={data.projects} projectId={data.projectId} />
        </>
      )}
      <SuspensionHistoryCard suspensions={data.suspensions} />
    </Box>
  );
}
