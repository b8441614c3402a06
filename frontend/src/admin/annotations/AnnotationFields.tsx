import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import type { Annotation } from '../types';
import { leadTimeSeconds, summarizeResult } from './resultSummary';

export function AnnotationResultField({ source = 'result' }: FieldProps<Annotation>) {
  const translate = useTranslate();
  const result: unknown = useFieldValue({ source });
  const summary = summarizeResult(result);
  switch (summary.kind) {
    case 'text':
      return <Typography variant="body2">{summary.text}</Typography>;
    case 'spans':
    case 'boxes':
      return (
        <Typography variant="body2">
          {translate(`tessera.admin.annotations.summary.${summary.kind}`, { smart_count: summary.count })}
        </Typography>
      );
    case 'noLabels':
    case 'empty':
      return (
        <Typography variant="body2" color="text.secondary">
          {translate(`tessera.admin.annotations.summary.${summary.kind}`)}
        </Typography>
      );
  }
}

export function LeadTimeField({ source = 'leadTimeMs' }: FieldProps<Annotation>) {
  const translate = useTranslate();
  const value: unknown = useFieldValue({ source });
  if (typeof value !== 'number') return null;
  return <Typography variant="body2">{translate('tessera.admin.annotations.leadTime', { seconds: leadTimeSeconds(value) })}</Typography>;
}
