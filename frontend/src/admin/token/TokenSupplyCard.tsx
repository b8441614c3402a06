import TokenIcon from '@mui/icons-material/Token';
import { useTranslate } from 'react-admin';
import { CardWithIcon } from '../dashboard/CardWithIcon';
import type { ChainInfo } from '../types';
import { Monospace } from './Monospace';
import { TokenAmount } from './TokenAmount';

export function TokenSupplyCard({ token }: { token: ChainInfo['token'] }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={TokenIcon}
      title={translate('tessera.admin.token.supply', { name: token.name })}
      value={<TokenAmount amount={token.totalSupply} symbol={token.symbol} />}
    >
      <Monospace>{token.address}</Monospace>
    </CardWithIcon>
  );
}
