import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';

/** The token page's one request, through the data provider (react-admin's refresh button reloads it). */
export function useChainInfo() {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({ queryKey: ['chain', 'info'], queryFn: () => dataProvider.getChainInfo() });
}
