import { Box, Button, Card, CardContent, CardHeader, LinearProgress, List, ListItem, Typography } from '@mui/material';
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { useLabelSplit } from '../annotations/LabelCounts';
import { progressPercent } from '../projects/ProjectProgressField';
import type { DashboardStats } from '../types';

export function ProjectsProgress({ projects }: { projects: DashboardStats['projects'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const split = useLabelSplit();
  return (
    <Card sx={{ flex: 1, minWidth: { xs: '100%', sm: 280 } }}>
      <CardHeader title={translate('tessera.admin.dashboard.progress.title')} slotProps={{ title: { component: 'h2' } }} />
      <CardContent>
        {projects.length === 0 ? (
          <Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate('tessera.admin.dashboard.progress.empty')}
            </Typography>
            <Button component={LinkBase} to={createPath({ resource: 'projects', type: 'create' })} variant="outlined">
              {translate('tessera.admin.dashboard.progress.create')}
            </Button>
          </Box>
        ) : (
          <List dense disablePadding>
            {projects.map((project) => (
              <ListItem key={project.id} disableGutters sx={{ display: 'block' }}>
                <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
                  <Typography
                    variant="body2"
                    component={LinkBase}
                    to={createPath({ resource: 'projects', id: project.id, type: 'show' })}
                    sx={{ color: 'inherit', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  >
                    {project.name}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                    {project.items === 0
                      ? translate('tessera.admin.dashboard.progress.noItems')
                      : translate('tessera.admin.dashboard.progress.items', { done: project.completedItems, total: project.items })}
                  </Typography>
                </Box>
                <Typography variant="caption" component="p" color="text.secondary" data-testid="project-labels">
                  {translate('tessera.admin.dashboard.progress.labels', {
                    smart_count: project.annotations,
                    count: project.annotations.toLocaleString(),
                  })}
                  {project.discardedAnnotations > 0 &&
                    ` (${split({ submitted: project.annotations, discarded: project.discardedAnnotations })})`}
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={progressPercent(project.completedItems, project.items)}
                  aria-label={translate('tessera.admin.projects.progressLabel', { name: project.name })}
                  sx={{ mt: 0.5 }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
