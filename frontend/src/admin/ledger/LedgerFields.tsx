import { Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import { useChainInfo } from '../token/useChainInfo';
import type { LedgerEntry } from '../types';
import { LEDGER_KIND_PREFIX, ledgerKindColors } from './choices';

export function LedgerKindField(props: FieldProps<LedgerEntry>) {
  return <ChoiceChip {...props} source={props.source ?? 'kind'} translationPrefix={LEDGER_KIND_PREFIX} colors={ledgerKindColors} />;
}

/** The amount with its sign (a reversal takes tokens back even if sent unsigned) and unit, debits in red. */
export function LedgerAmountField(_props: Partial<FieldProps<LedgerEntry>>) {
  const record = useRecordContext<LedgerEntry>();
  const symbol = useChainInfo().data?.token.symbol;
  if (!record) return null;
  const negative = record.amount.startsWith('-') || (record.kind === 'reversal' && !/^0(\.0*)?$/.test(record.amount));
  const amount = negative && !record.amount.startsWith('-') ? `-${record.amount}` : record.amount;
  return (
    <Typography variant="body2" component="span" sx={{ fontVariantNumeric: 'tabular-nums', color: negative ? 'error.main' : undefined }}>
      {symbol ? `${amount} ${symbol}` : amount}
    </Typography>
  );
}

/** The trust multiplier a reward was credited with (basis points as `1.25×`); nothing for other kinds. */
export function MultiplierField(_props: Partial<FieldProps<LedgerEntry>>) {
  const record = useRecordContext<LedgerEntry>();
  const translate = useTranslate();
  if (!record || record.multiplierBps === null) return null;
  return (
    <Typography variant="body2" component="span">
      {translate('tessera.admin.ledger.multiplier', { value: (record.multiplierBps / 10_000).toFixed(2) })}
    </Typography>
  );
}
