import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import type { Epoch } from '../types';
import { EPOCH_MODE_PREFIX, EPOCH_STATUS_PREFIX, epochStatusColors } from './choices';

export function EpochModeField(props: FieldProps<Epoch>) {
  return <ChoiceChip {...props} source={props.source ?? 'mode'} translationPrefix={EPOCH_MODE_PREFIX} />;
}

/** The status, with "retrying" beside it while its transactions hit errors (transient: it has not failed). */
export function EpochStatusField(props: FieldProps<Epoch>) {
  const record = useRecordContext<Epoch>(props);
  const translate = useTranslate();
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center' }}>
      <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={EPOCH_STATUS_PREFIX} colors={epochStatusColors} />
      {record?.retrying && record.status === 'closed' && (
        <Chip
          size="small"
          variant="outlined"
          color="warning"
          label={translate('tessera.admin.epochs.retrying')}
          title={record.lastError ?? ''}
        />
      )}
    </Box>
  );
}

/** Claims so far: how many recipients claimed and how much, with a bar over the recipients. */
export function EpochClaimsField(_props: Partial<FieldProps<Epoch>>) {
  const record = useRecordContext<Epoch>();
  const translate = useTranslate();
  if (!record) return null;
  const percent = record.recipients === 0 ? 0 : Math.round((record.claimedCount / record.recipients) * 100);
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {translate('tessera.admin.epochs.claims', {
          count: record.claimedCount,
          recipients: record.recipients,
          amount: record.claimedAmount,
        })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={translate('tessera.admin.epochs.claimsLabel', { id: record.id })}
        sx={{ mt: 0.5 }}
      />
    </Box>
  );
}
