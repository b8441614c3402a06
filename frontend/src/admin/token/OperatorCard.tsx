import GasIcon from '@mui/icons-material/LocalGasStation';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CardWithIcon } from '../dashboard/CardWithIcon';
import type { ChainInfo } from '../types';
import { isZero } from './budget';
import { Monospace } from './Monospace';
import { TokenAmount } from './TokenAmount';

/** The operator's ETH pays the gas of every platform transaction: posts, push batches, gas-free claims. */
export function OperatorCard({ info }: { info: Pick<ChainInfo, 'operator' | 'operatorEth'> }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={GasIcon}
      title={translate('tessera.admin.token.operator')}
      value={<TokenAmount amount={info.operatorEth} symbol="ETH" />}
    >
      {isZero(info.operatorEth) && (
        <Alert severity="warning" sx={{ borderRadius: 0 }}>
          {translate('tessera.admin.token.noGas')}
        </Alert>
      )}
      <Monospace>{info.operator}</Monospace>
    </CardWithIcon>
  );
}
