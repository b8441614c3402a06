import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql.js';

/** Every SQL statement of the provider's nonces. */
@Injectable()
export class ProviderNoncesRepository {
  constructor(private readonly db: DataSource) {}

  /** The last nonce `address` used, as a decimal string; null when it never used one. */
  async last(address: string): Promise<string | null> {
    const rows = await sqlRows<{ nonce: string }>(this.db, 'SELECT nonce::text AS nonce FROM provider_nonces WHERE address = $1', [
      address.toLowerCase(),
    ]);
    return rows[0]?.nonce ?? null;
  }

  /**
   * Records `nonce` as the address's last one if it is larger than the one stored, in one statement:
   * two requests carrying the same nonce cannot both pass. False when it is not larger.
   */
  async advance(address: string, nonce: bigint): Promise<boolean> {
    const rows = await sqlRows(
      this.db,
      `INSERT INTO provider_nonces (address, nonce, updated_at) VALUES ($1, $2::numeric, now())
       ON CONFLICT (address) DO UPDATE SET nonce = EXCLUDED.nonce, updated_at = now()
        WHERE provider_nonces.nonce < EXCLUDED.nonce
       RETURNING address`,
      [address.toLowerCase(), nonce.toString()],
    );
    return rows.length === 1;
  }
}
