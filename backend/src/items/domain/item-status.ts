/**
 * An item's progress through labeling, by one distribution rule: open until someone takes it, in
 * progress while it is leased or labelled short of its overlap, completed once it has as many live
 * labels as its overlap asks for. (Whether those labels agree is the quality engine's consensus
 * status, `quality/domain/consensus-status.ts`.) The rule is written once here, in TypeScript for
 * single items and as SQL for lists filtered in the database; a medium test runs both on a grid.
 */

export const ITEM_STATUSES = ['open', 'in_progress', 'completed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface ItemProgress {
  /** Labels the item should get. */
  overlap: number;
  /** Live leases plus live labels (`items.taken`). */
  taken: number;
  /** Live labels: submitted and not discarded. */
  annotations: number;
}

/** The same inputs as SQL expressions, e.g. `i.overlap`. */
export type ItemProgressSql = { [K in keyof ItemProgress]: string };

export function isItemStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value);
}

export function itemStatus({ overlap, taken, annotations }: ItemProgress): ItemStatus {
  if (annotations >= overlap) return 'completed';
  return taken > 0 ? 'in_progress' : 'open';
}

/** `itemStatus` as a SQL condition, self-contained (safe beside AND and OR): true for the rows whose status is `status`. */
export function itemStatusSql(status: ItemStatus, sql: ItemProgressSql): string {
  const completed = itemCompletedSql(sql);
  switch (status) {
    case 'completed':
      return completed;
    case 'in_progress':
      return `(NOT ${completed} AND ${sql.taken} > 0)`;
    case 'open':
      return `(NOT ${completed} AND ${sql.taken} = 0)`;
  }
}

/** The completed half of the rule alone, for counts that need no `taken` (e.g. `count(*)` in a HAVING). */
export function itemCompletedSql(sql: Pick<ItemProgressSql, 'overlap' | 'annotations'>): string {
  return `(${sql.annotations} >= ${sql.overlap})`;
}
