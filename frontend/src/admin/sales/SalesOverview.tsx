import { Alert, Box, CircularProgress } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { AnnotatorRevenueTable } from './AnnotatorRevenueTable';
import { DatasetRevenueTable } from './DatasetRevenueTable';
import { salesApi } from './salesApi';
import { ShareSetting } from './ShareSetting';

const REVENUE_KEY = ['sales', 'revenue'];
const SETTINGS_KEY = ['sales', 'settings'];

/** Above the list of orders: the share setting, revenue per dataset (with listing) and per annotator. */
export function SalesOverview() {
  const translate = useTranslate();
  const client = useQueryClient();
  const revenue = useQuery({ queryKey: REVENUE_KEY, queryFn: () => salesApi.revenue() });
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => salesApi.settings() });
  const error = revenue.error ?? settings.error;
  if (error) return <Alert severity="error">{translate('tessera.admin.sales.failed', { message: error.message })}</Alert>;
  if (!revenue.data || !settings.data) return <CircularProgress size={24} aria-label={translate('ra.page.loading')} />;
  return (
    <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { md: '1fr 1fr' } }}>
      <Box sx={{ gridColumn: { md: '1 / -1' } }}>
        <ShareSetting key={settings.data.shareBps} settings={settings.data} onSaved={(saved) => client.setQueryData(SETTINGS_KEY, saved)} />
      </Box>
      <DatasetRevenueTable datasets={revenue.data.datasets} onChanged={() => void client.invalidateQueries({ queryKey: REVENUE_KEY })} />
      <AnnotatorRevenueTable annotators={revenue.data.annotators} />
    </Box>
  );
}
