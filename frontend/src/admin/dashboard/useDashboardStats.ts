import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';

/** The dashboard's one request, through the data provider (react-admin's refresh button reloads it). */
export function useDashboardStats() {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({ queryKey: ['stats', 'dashboard'], queryFn: () => dataProvider.getDashboardStats() });
}
