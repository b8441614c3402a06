import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { EPOCH_MODES, EPOCH_STATUSES, type EpochStatus } from '../types';

export const EPOCH_MODE_PREFIX = 'tessera.admin.choices.epochMode';
export const EPOCH_STATUS_PREFIX = 'tessera.admin.choices.epochStatus';

export const epochModeChoices = choicesOf(EPOCH_MODES, EPOCH_MODE_PREFIX);
export const epochStatusChoices = choicesOf(EPOCH_STATUSES, EPOCH_STATUS_PREFIX);

export const epochStatusColors: Record<EpochStatus, ChipProps['color']> = {
  closed: 'default',
  posted: 'info',
  paid: 'success',
  swept: 'warning',
  failed: 'error',
  voided: 'default',
};
