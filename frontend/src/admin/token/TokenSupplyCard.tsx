import TokenIcon from '@mui/icons-material/Token';
import { useTranslate } from 'react-admin';
import { CardWithIcon } from '../dashboard/CardWithIcon';
import type { ChainInfo } from '../types';
import { groupDigits } from './budget';
import { Monospace } from './Monospace';

export function TokenSupplyCard({ token }: { token: ChainInfo['token'] }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={TokenIcon}
      title={translate('tessera.admin.token.supply', { name: token.name })}
      value={translate('tessera.admin.token.amount', { amount: groupDigits(token.totalSupply), symbol: token.symbol })}
    >
      <Monospace>{token.address}</Monospace>
    </CardWithIcon>
  );
}
