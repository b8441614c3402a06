import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { AnnotationResultField } from '../annotations/AnnotationFields';
import { shortAddress } from '../address';
import type { ReviewItem } from '../types';

/** The confidence (0..1) of the inferred answer, as a whole percentage. */
export function ConfidenceField(_props: Partial<FieldProps<ReviewItem>>) {
  const record = useRecordContext<ReviewItem>();
  const translate = useTranslate();
  if (!record || typeof record.confidence !== 'number') return null;
  return (
    <Typography variant="body2" component="span">
      {translate('tessera.admin.review.confidence', { percent: Math.round(record.confidence * 100) })}
    </Typography>
  );
}

/** Each annotator's label: short address, then a one-line summary of the result. */
export function ReviewLabelsField(_props: Partial<FieldProps<ReviewItem>>) {
  const record = useRecordContext<ReviewItem>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.labels.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('tessera.admin.review.noLabels')}
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {record.labels.map((label) => (
        <Box component="li" key={label.annotationId} sx={{ display: 'flex', gap: 0.5, alignItems: 'baseline' }}>
          <Typography
            variant="body2"
            component="span"
            title={label.annotatorAddress}
            sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
          >
            {translate('tessera.admin.review.labelOf', { address: shortAddress(label.annotatorAddress) })}
          </Typography>
          <AnnotationResultField source={`labels.${record.labels.indexOf(label)}.result`} />
        </Box>
      ))}
    </Box>
  );
}
