import { sqlRows } from '../database/sql.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AuthNonceRepository {
  constructor(private readonly db: DataSource) {}

  async create(nonce: string, ttlSeconds: number): Promise<Date> {
    const rows: Array<{ expires_at: Date }> = await sqlRows(
      this.db,
      `INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING expires_at`,
      [nonce, ttlSeconds],
    );
    return rows[0]!.expires_at;
  }

  /** Marks the nonce used; false when it is unknown, used already or expired. Atomic, so replays lose. */
  async consume(nonce: string): Promise<boolean> {
    const rows: unknown[] = await sqlRows(
      this.db,
      `UPDATE auth_nonces SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now() RETURNING nonce`,
      [nonce],
    );
    return rows.length === 1;
  }

  /** Deletes the nonces that can no longer sign anyone in (expired or used); answers how many. */
  async purge(): Promise<number> {
    const rows: unknown[] = await sqlRows(this.db, `DELETE FROM auth_nonces WHERE expires_at <= now() OR used_at IS NOT NULL RETURNING 1`);
    return rows.length;
  }
}
