import { useMutation } from '@tanstack/react-query';
import { HttpError, useDataProvider, useNotify, useRefresh, type Identifier } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { ReviewOutcome } from '../types';

export interface DecideVariables {
  itemId: Identifier;
  outcome: ReviewOutcome;
  result?: unknown;
}

/**
 * A reviewer's decision on one item, through the data provider. Either way the list is refreshed:
 * a decided item leaves the queue, and a 409 means someone else decided it first. A 400 on a fix is
 * left to the caller (the fix dialog puts it on its input).
 */
export function useDecideReview() {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ itemId, outcome, result }: DecideVariables) => dataProvider.decideReview(itemId, outcome, result),
    onSuccess: (_decision, { itemId, outcome }) => {
      notify(`tessera.admin.review.decided.${outcome}`, { type: 'success', messageArgs: { id: itemId } });
      refresh();
    },
    onError: (error, { itemId }) => {
      if (error instanceof HttpError && error.status === 409) {
        notify('tessera.admin.review.conflict', { type: 'warning', messageArgs: { id: itemId } });
        refresh();
      } else if (!(error instanceof HttpError && error.status === 400)) {
        notify('tessera.admin.review.failed', { type: 'error', messageArgs: { message: error.message } });
      }
    },
  });
}

/** The form errors of a refused fix (`{result: message, root: {serverError}}`), if the API named a field. */
export function fixErrorsOf(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof HttpError) || error.status !== 400) return undefined;
  const body: unknown = error.body;
  if (typeof body === 'object' && body !== null && 'errors' in body && typeof body.errors === 'object' && body.errors !== null) {
    return body.errors as Record<string, unknown>;
  }
  return { result: error.message, root: { serverError: error.message } };
}
