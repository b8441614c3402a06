import { Typography, type ChipProps } from '@mui/material';
import type { MouseEvent } from 'react';
import { LinkBase, useCreatePath, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip, choicesOf } from '../ChoiceChip';
import { ANNOTATION_STATUSES, type AnnotationStatus } from '../types';

const STATUS_PREFIX = 'tessera.admin.labelCounts.statuses';
export const annotationStatusChoices = choicesOf(ANNOTATION_STATUSES, STATUS_PREFIX);
const statusColors: Record<AnnotationStatus, ChipProps['color']> = { counted: 'success', discarded: 'default' };

/** Whether one label counts or was discarded, as a chip. */
export function AnnotationStatusField({ source = 'status' }: Partial<FieldProps>) {
  return <ChoiceChip source={source} translationPrefix={STATUS_PREFIX} colors={statusColors} />;
}

/**
 * The one way the console counts labels: every label submitted, of which some were discarded (their
 * annotator was suspended, or a reviewer rejected the item) and the rest still count. The dashboard,
 * the projects and the annotations list (unfiltered by status) all give the submitted figure.
 */
export interface LabelCounts {
  submitted: number;
  discarded: number;
}

/** "12 counted · 3 discarded": the split under a submitted figure. */
export function useLabelSplit() {
  const translate = useTranslate();
  return ({ submitted, discarded }: LabelCounts) =>
    translate('tessera.admin.labelCounts.split', {
      counted: (submitted - discarded).toLocaleString(),
      discarded: discarded.toLocaleString(),
    });
}

/**
 * A project's labels in a table or a show page: submitted, linking to the annotations list filtered by
 * the project (which lists as many), with the split beneath when some were discarded.
 */
export function ProjectLabelCountField(_props: Partial<FieldProps>) {
  const record = useRecordContext<{ id: number; stats?: { annotations: number; discardedAnnotations: number } }>();
  const split = useLabelSplit();
  const createPath = useCreatePath();
  if (!record?.stats) return null;
  const counts = { submitted: record.stats.annotations, discarded: record.stats.discardedAnnotations };
  const list = `${createPath({ resource: 'annotations', type: 'list' })}?${new URLSearchParams({
    filter: JSON.stringify({ projectId: record.id }),
  })}`;
  return (
    <span>
      <Typography
        variant="body2"
        component={LinkBase}
        to={list}
        onClick={(event: MouseEvent) => event.stopPropagation()}
        data-testid="labels-submitted"
      >
        {counts.submitted.toLocaleString()}
      </Typography>
      {counts.discarded > 0 && (
        <Typography variant="caption" component="span" color="text.secondary" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
          {split(counts)}
        </Typography>
      )}
    </span>
  );
}

/** An item's labels: submitted (as many as listed under it), with the split beneath when some were discarded. */
export function ItemLabelCountField(_props: Partial<FieldProps>) {
  const record = useRecordContext<{ annotationCount: number; discardedAnnotationCount: number }>();
  const split = useLabelSplit();
  if (!record) return null;
  const counts = { submitted: record.annotationCount + record.discardedAnnotationCount, discarded: record.discardedAnnotationCount };
  return (
    <span>
      <Typography variant="body2" component="span">
        {counts.submitted.toLocaleString()}
      </Typography>
      {counts.discarded > 0 && (
        <Typography variant="caption" component="span" color="text.secondary" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
          {split(counts)}
        </Typography>
      )}
    </span>
  );
}
