import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What the embedded chain's faucet gave an address, and when (its rate limit counts these). */
@Entity('faucet_grants')
@Index('faucet_grants_address_idx', ['address', 'createdAt'])
export class FaucetGrantEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Lower case. */
  @Column({ type: 'varchar', length: 42 })
  address: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'gas_wei' })
  gasWei: string;

  /** Base tokens, smallest unit. */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  tokens: string;

  /** The gas transfer's hash, once sent. */
  @Column({ type: 'varchar', length: 66, name: 'gas_tx', nullable: true })
  gasTx: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
