import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';

export interface LeasePool {
  /** Leases held now. */
  live: number;
  /** Leases past their expiry that the sweeper has not returned to the pool yet. */
  expired: number;
}

export interface OutboxLane {
  lane: string;
  pending: number;
  /** Age of the oldest transaction not yet confirmed or failed, in seconds. */
  oldestSeconds: number;
}

/** The figures /metrics reads from the database at scrape time: small aggregate reads on partial indexes. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  async leasePool(): Promise<LeasePool> {
    const rows = await sqlRows<LeasePool>(
      this.db,
      `SELECT count(*) FILTER (WHERE expires_at > now())::int AS live, count(*) FILTER (WHERE expires_at <= now())::int AS expired
         FROM assignments WHERE status = 'leased'`,
    );
    return rows[0] ?? { live: 0, expired: 0 };
  }

  /** The transaction outbox's backlog on this chain, per lane (lanes without one are left out). */
  outbox(chainId: number): Promise<OutboxLane[]> {
    return sqlRows<OutboxLane>(
      this.db,
      `SELECT lane, count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS "oldestSeconds"
         FROM chain_txs WHERE status IN ('intent', 'signed') AND chain_id = $1 GROUP BY lane`,
      [chainId],
    );
  }

  /** Every chain log follower's cursor on this chain: the last block it recorded. */
  cursors(chainId: number): Promise<Array<{ follower: string; block: number }>> {
    return sqlRows<{ follower: string; block: number }>(
      this.db,
      `SELECT substr(key, 8) AS follower, value::bigint::float8 AS block FROM chain_state WHERE chain_id = $1 AND starts_with(key, 'cursor:')`,
      [chainId],
    );
  }
}
