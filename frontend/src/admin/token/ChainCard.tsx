import ChainIcon from '@mui/icons-material/Link';
import { useTranslate } from 'react-admin';
import { CardWithIcon } from '../dashboard/CardWithIcon';
import type { ChainInfo } from '../types';
import { Monospace } from './Monospace';

export function ChainCard({ info }: { info: Pick<ChainInfo, 'chainId' | 'blockNumber' | 'rpcUrl'> }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={ChainIcon}
      title={translate('tessera.admin.token.chain', { chainId: info.chainId })}
      value={translate('tessera.admin.token.block', { block: info.blockNumber.toLocaleString('en') })}
    >
      <Monospace>{info.rpcUrl}</Monospace>
    </CardWithIcon>
  );
}
