import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { TesseraDataProvider } from '../../dataProvider';

export function annotatorQualityKey(annotatorId: Identifier, projectId: Identifier | null) {
  return ['users', 'getAnnotatorQuality', { id: String(annotatorId), projectId: projectId === null ? null : String(projectId) }] as const;
}

/**
 * An annotator's quality through the data provider (react-admin's refresh button reloads it). While
 * another project filter loads, the previous figures stay on screen.
 */
export function useAnnotatorQuality(annotatorId: Identifier, projectId: Identifier | null) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  return useQuery({
    queryKey: annotatorQualityKey(annotatorId, projectId),
    queryFn: () => dataProvider.getAnnotatorQuality(annotatorId, projectId),
    placeholderData: keepPreviousData,
  });
}
