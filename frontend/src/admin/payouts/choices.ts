import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { PAYOUT_LANES, PAYOUT_STATUSES, type PayoutStatus } from '../types';

export const PAYOUT_STATUS_PREFIX = 'tessera.admin.choices.payoutStatus';
export const payoutStatusChoices = choicesOf(PAYOUT_STATUSES, PAYOUT_STATUS_PREFIX);
export const PAYOUT_LANE_PREFIX = 'tessera.admin.choices.payoutLane';
export const payoutLaneChoices = choicesOf(PAYOUT_LANES, PAYOUT_LANE_PREFIX);
export const payoutStatusColors: Record<PayoutStatus, ChipProps['color']> = {
  intent: 'default',
  signed: 'warning',
  confirmed: 'success',
  failed: 'error',
  cancelled: 'default',
};
