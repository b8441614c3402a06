import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';

/** Serialises one address's faucet claims across instances. */
const FAUCET_LOCK = 7243573;

@Injectable()
export class FaucetRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims a grant for `address` unless it had one (given, or still being given) in the last
   * `windowSeconds`: answers the claim's row, or when the address may ask again. A short transaction
   * under the address's lock, so two requests for one address never both claim, and nothing is held
   * while the grant's transfer is mined.
   */
  async claim(address: string, windowSeconds: number): Promise<{ id: number; at: Date } | { refusedUntil: Date }> {
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
      return { id: row!.id, at: row!.created_at };
    });
  }

  /** A claim whose gas could not be sent is forgotten: the address may ask again at once. */
  async forget(id: number): Promise<void> {
    await this.db.query('DELETE FROM faucet_grants WHERE id = $1 AND gas_tx IS NULL', [id]);
  }

  /** Records what the claim gave, and runs `alsoThen` (the token transfer's outbox entry) in the same transaction. */
  async complete(
    id: number,
    given: { gasWei: bigint; tokens: bigint; gasTx: string },
    alsoThen: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await sqlRows(manager, 'UPDATE faucet_grants SET gas_wei = $2, tokens = $3, gas_tx = $4 WHERE id = $1', [
        id,
        given.gasWei.toString(),
        given.tokens.toString(),
        given.gasTx,
      ]);
      await alsoThen(manager);
    });
  }
}
