import { useEffect, useState } from 'react';
import { getMySuspension, type MySuspension } from './standingApi';

/**
 * The annotator's active suspension: undefined while loading (or when it could not be read: the
 * pages work as before), null when there is none.
 */
export function useMySuspension(): [MySuspension | null | undefined, (next: MySuspension | null) => void] {
  const [suspension, setSuspension] = useState<MySuspension | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    getMySuspension().then(
      (found) => current && setSuspension(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return [suspension, setSuspension];
}
