import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';

@Injectable()
export class ChainStateRepository {
  constructor(private readonly db: DataSource) {}

  async get(chainId: number, key: string, manager: EntityManager | DataSource = this.db): Promise<string | undefined> {
    const rows = await sqlRows<{ value: string }>(manager, 'SELECT value FROM chain_state WHERE chain_id = $1 AND key = $2', [
      chainId,
      key,
    ]);
    return rows[0]?.value;
  }

  async set(chainId: number, key: string, value: string, manager: EntityManager | DataSource = this.db): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO chain_state (chain_id, key, value) VALUES ($1, $2, $3)
       ON CONFLICT (chain_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [chainId, key, value],
    );
  }
}
