import { Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { shownAmount } from './tokenAmount';

/**
 * A token amount with its unit, rounded so it fits where it is shown; hovering (or focusing) it gives
 * the exact amount, which is also what screen readers read.
 */
export function TokenAmount({ amount, symbol }: { amount: string; symbol: string }) {
  const translate = useTranslate();
  const { short, full } = shownAmount(amount);
  const exact = translate('tessera.admin.token.amount', { amount: full, symbol });
  const text = translate('tessera.admin.token.amount', { amount: short, symbol });
  if (short === full) return <span>{text}</span>;
  return (
    <Tooltip title={exact} describeChild={false}>
      <span tabIndex={0} data-exact={exact} style={{ whiteSpace: 'nowrap' }}>
        {text}
      </span>
    </Tooltip>
  );
}
