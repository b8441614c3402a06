import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { LEDGER_KINDS, type LedgerKind } from '../types';

export const LEDGER_KIND_PREFIX = 'tessera.admin.choices.ledgerKind';
export const ledgerKindChoices = choicesOf(LEDGER_KINDS, LEDGER_KIND_PREFIX);
export const ledgerKindColors: Record<LedgerKind, ChipProps['color']> = {
  reward: 'success',
  reversal: 'error',
  adjustment: 'info',
  sale_share: 'primary',
};
