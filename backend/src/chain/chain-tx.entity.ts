import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A transaction the platform sends, recorded before anything is broadcast (the intent), then with its
 * signed raw bytes and hash before broadcast, so that after a crash it is found again by hash and
 * re-broadcast as the very same transaction, never as a second one.
 */
@Entity('chain_txs')
@Index('chain_txs_purpose_key', ['purpose'], { unique: true })
@Index('chain_txs_pending_idx', ['id'], { where: "status IN ('intent', 'signed')" })
export class ChainTxEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** What it does, unique: e.g. `epoch:3:post`, `epoch:4:batch:0`, `epoch:3:fund`. */
  @Column({ type: 'varchar', length: 100 })
  purpose: string;

  @Column({ type: 'integer', name: 'chain_id' })
  chainId: number;

  @Column({ type: 'varchar', length: 42 })
  to: string;

  @Column({ type: 'text' })
  data: string;

  /** intent | signed | confirmed | failed */
  @Column({ type: 'varchar', length: 10, default: 'intent' })
  status: string;

  @Column({ type: 'integer', nullable: true })
  nonce: number | null;

  @Column({ type: 'text', name: 'raw_tx', nullable: true })
  rawTx: string | null;

  @Column({ type: 'varchar', length: 66, nullable: true })
  hash: string | null;

  @Column({ type: 'integer', name: 'block_number', nullable: true })
  blockNumber: number | null;

  @Column({ type: 'integer', name: 'gas_used', nullable: true })
  gasUsed: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
