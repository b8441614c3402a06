import { Box } from '@mui/material';
import { Loading, Title, useCanAccess, useTranslate } from 'react-admin';
import { LoadError } from '../LoadError';
import { AccessDenied } from '../AccessDenied';
import { ChainCard } from './ChainCard';
import { DistributorCard } from './DistributorCard';
import { OperatorCard } from './OperatorCard';
import { ProjectBudgetsCard } from './ProjectBudgetsCard';
import { TokenSupplyCard } from './TokenSupplyCard';
import { useChainInfo } from './useChainInfo';

/** The console's Token page (/admin/token): the reward token, the distributor, the operator's gas, project budgets. */
export function TokenPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'token', action: 'read' });
  if (isPending) return <Loading />;
  return canAccess ? <TokenContent /> : <AccessDenied />;
}

function TokenContent() {
  const translate = useTranslate();
  const { data, error, isPending, refetch } = useChainInfo();
  const title = <Title title={translate('tessera.admin.token.title')} />;
  if (isPending) {
    return (
      <>
        {title}
        <Loading />
      </>
    );
  }
  if (error) {
    return (
      <Box sx={{ mt: 2 }}>
        {title}
        <LoadError prefix="tessera.admin.token" error={error} onRetry={refetch} />
      </Box>
    );
  }
  return (
    <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      {title}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', '& > *': { minWidth: { xs: '100%', sm: 240 } } }}>
        <TokenSupplyCard token={data.token} />
        <DistributorCard distributor={data.distributor} symbol={data.token.symbol} />
        <OperatorCard info={data} />
        <ChainCard info={data} />
      </Box>
      <ProjectBudgetsCard budgets={data.budgets} symbol={data.token.symbol} />
    </Box>
  );
}
