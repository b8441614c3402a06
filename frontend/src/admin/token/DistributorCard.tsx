import DistributorIcon from '@mui/icons-material/AccountBalance';
import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CardWithIcon } from '../dashboard/CardWithIcon';
import type { ChainInfo } from '../types';
import { Monospace } from './Monospace';
import { TokenAmount } from './TokenAmount';

/** What the PayoutDistributor holds: posted epochs' tokens not yet claimed or swept. */
export function DistributorCard({ distributor, symbol }: { distributor: ChainInfo['distributor']; symbol: string }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={DistributorIcon}
      title={translate('tessera.admin.token.distributor')}
      value={<TokenAmount amount={distributor.balance} symbol={symbol} />}
    >
      <Typography variant="caption" component="p" color="text.secondary" sx={{ px: 2, pt: 1, m: 0 }}>
        {translate('tessera.admin.token.distributorHelp')}
      </Typography>
      <Monospace>{distributor.address}</Monospace>
    </CardWithIcon>
  );
}
