import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { ITEM_STATUSES, type ItemStatus } from '../types';

export const ITEM_STATUS_PREFIX = 'tessera.admin.choices.itemStatus';
export const itemStatusChoices = choicesOf(ITEM_STATUSES, ITEM_STATUS_PREFIX);
export const itemStatusColors: Record<ItemStatus, ChipProps['color']> = { open: 'default', in_progress: 'warning', completed: 'success' };
