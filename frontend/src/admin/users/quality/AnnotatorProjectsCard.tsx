import { Card, CardContent, CardHeader, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { accuracyPercent } from '../../projects/quality/AnnotatorQualityCard';
import type { AnnotatorProject } from '../../types';

const PREFIX = 'tessera.admin.annotatorQuality.projects';

function AccuracyCell({ project }: { project: AnnotatorProject }) {
  const translate = useTranslate();
  if (!project.score) {
    return (
      <Typography variant="body2" component="span" color="text.secondary">
        {translate(`${PREFIX}.notComputed`)}
      </Typography>
    );
  }
  return (
    <span title={translate(`${PREFIX}.computedAt`, { time: new Date(project.score.computedAt).toLocaleString() })}>
      {translate(`${PREFIX}.percent`, { percent: accuracyPercent(project.score.accuracy) })}
    </span>
  );
}

function GoldCell({ project }: { project: AnnotatorProject }) {
  const translate = useTranslate();
  if (!project.score) return <>—</>;
  const { goldCorrect: correct, goldSeen: seen, goldAccuracy } = project.score;
  return (
    <>
      {goldAccuracy === null
        ? translate(`${PREFIX}.goldValue`, { correct, seen })
        : translate(`${PREFIX}.goldPercent`, { correct, seen, percent: accuracyPercent(goldAccuracy) })}
    </>
  );
}

/** The annotator's labels and measured quality in each project they worked in (the last aggregation's figures). */
export function AnnotatorProjectsCard({ projects }: { projects: AnnotatorProject[] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const title = translate(`${PREFIX}.title`);
  const labels = projects.reduce((sum, project) => sum + project.submitted, 0);
  return (
    <Card>
      <CardHeader
        title={title}
        subheader={translate(`${PREFIX}.subtitle`, { labels: labels.toLocaleString(), smart_count: projects.length })}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${PREFIX}.project`)}</TableCell>
              <TableCell>{translate(`${PREFIX}.type`)}</TableCell>
              <TableCell align="right">{translate(`${PREFIX}.labels`)}</TableCell>
              <TableCell align="right">{translate(`${PREFIX}.discarded`)}</TableCell>
              <TableCell align="right" title={translate(`${PREFIX}.accuracyHelp`)}>
                {translate(`${PREFIX}.accuracy`)}
              </TableCell>
              <TableCell align="right">{translate(`${PREFIX}.gold`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {projects.map((project) => (
              <TableRow key={project.projectId}>
                <TableCell component="th" scope="row">
                  <Link component={LinkBase} to={`${createPath({ resource: 'projects', id: project.projectId, type: 'show' })}/quality`}>
                    {project.projectName}
                  </Link>
                </TableCell>
                <TableCell>{translate(`tessera.admin.choices.projectType.${project.projectType}`, { _: project.projectType })}</TableCell>
                <TableCell align="right">{project.submitted.toLocaleString()}</TableCell>
                <TableCell align="right">{project.discarded.toLocaleString()}</TableCell>
                <TableCell align="right">
                  <AccuracyCell project={project} />
                </TableCell>
                <TableCell align="right">
                  <GoldCell project={project} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
