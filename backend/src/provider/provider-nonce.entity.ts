import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The last nonce each address used with the provider (Ocean Node's nonce database): a signed
 * download or encrypt request must carry a larger one, so a captured request cannot be replayed.
 */
@Entity('provider_nonces')
export class ProviderNonceEntity {
  /** Lower-case hex address. */
  @PrimaryColumn({ type: 'varchar', length: 42 })
  address: string;

  /** Any non-negative integer ocean.js sends (it sends the last one + 1; others send a timestamp). */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  nonce: string;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
