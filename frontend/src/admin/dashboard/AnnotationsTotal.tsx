import LabelIcon from '@mui/icons-material/Label';
import { Typography } from '@mui/material';
import { useCreatePath, useTranslate } from 'react-admin';
import { useLabelSplit } from '../annotations/LabelCounts';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

/** Labels submitted (the annotations list's total), with how many still count and how many were discarded. */
export function AnnotationsTotal({ totals }: { totals: DashboardStats['totals'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const split = useLabelSplit();
  return (
    <CardWithIcon
      icon={LabelIcon}
      to={createPath({ resource: 'annotations', type: 'list' })}
      title={translate('tessera.admin.dashboard.totals.annotations')}
      value={<span data-testid="labels-submitted">{totals.annotations.toLocaleString()}</span>}
    >
      <Typography variant="caption" component="p" color="text.secondary" sx={{ px: 2, py: 1, m: 0, textAlign: 'right' }}>
        {split({ submitted: totals.annotations, discarded: totals.discardedAnnotations })}
      </Typography>
    </CardWithIcon>
  );
}
