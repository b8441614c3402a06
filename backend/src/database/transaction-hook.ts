import type { EntityManager } from 'typeorm';

/**
 * Work another module adds to a repository's transaction, given what the transaction did (e.g. the
 * ledger reversing the rewards of the annotations a delete removed), so that both commit or neither.
 */
export type TransactionHook<T> = (manager: EntityManager, value: T) => Promise<unknown>;
