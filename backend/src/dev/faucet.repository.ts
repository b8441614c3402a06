import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';

/** Serialises one address's faucet requests across instances. */
const FAUCET_LOCK = 7243573;

@Injectable()
export class FaucetRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Runs `grant` for `address` unless it had a grant in the last `windowSeconds` (answers when it
   * may ask again instead), under the address's lock, and records the grant with what `grant`
   * answered, in one transaction.
   */
  async grantOnce<T extends { gasWei: bigint; tokens: bigint; gasTx: string }>(
    address: string,
    windowSeconds: number,
    grant: (manager: EntityManager, grantId: number) => Promise<T>,
  ): Promise<{ granted: T; at: Date } | { refusedUntil: Date }> {
    return this.db.transaction(async (manager) => {
      const key = address.toLowerCase();
      await sqlRows(manager, 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [FAUCET_LOCK, key]);
      const [last] = await sqlRows<{ until: Date }>(
        manager,
        `SELECT created_at + make_interval(secs => $2) AS until FROM faucet_grants
          WHERE address = $1 AND created_at > now() - make_interval(secs => $2) ORDER BY id DESC LIMIT 1`,
        [key, windowSeconds],
      );
      if (last) return { refusedUntil: last.until };
      const [row] = await sqlRows<{ id: number; created_at: Date }>(
        manager,
        'INSERT INTO faucet_grants (address, gas_wei, tokens) VALUES ($1, 0, 0) RETURNING id, created_at',
        [key],
      );
      const granted = await grant(manager, row!.id);
      await sqlRows(manager, 'UPDATE faucet_grants SET gas_wei = $2, tokens = $3, gas_tx = $4 WHERE id = $1', [
        row!.id,
        granted.gasWei.toString(),
        granted.tokens.toString(),
        granted.gasTx,
      ]);
      return { granted, at: row!.created_at };
    });
  }
}
