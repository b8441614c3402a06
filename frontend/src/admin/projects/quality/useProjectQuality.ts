import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { TesseraDataProvider } from '../../dataProvider';
import type { ProjectQuality } from '../../types';

export function projectQualityKey(projectId: Identifier) {
  return ['projects', 'getQuality', { id: String(projectId) }] as const;
}

/** A project's last quality aggregation, through the data provider (react-admin's refresh button reloads it). */
export function useProjectQuality(projectId: Identifier) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({ queryKey: projectQualityKey(projectId), queryFn: () => dataProvider.getProjectQuality(projectId) });
}

/** Recomputes the aggregation now; the answer replaces the cached figures, so the tab shows them at once. */
export function useAggregateProjectQuality(projectId: Identifier) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dataProvider.aggregateProjectQuality(projectId),
    onSuccess: (quality: ProjectQuality) => queryClient.setQueryData(projectQualityKey(projectId), quality),
  });
}
