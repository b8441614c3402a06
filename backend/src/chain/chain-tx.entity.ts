import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A transaction the platform sends, recorded before anything is broadcast (the intent), then with its
 * signed raw bytes and hash before broadcast, so that after a crash it is found again by hash and
 * re-broadcast as the very same transaction, never as a second one.
 */
@Entity('chain_txs')
@Index('chain_txs_purpose_key', ['purpose'], { unique: true })
@Index('chain_txs_pending_idx', ['id'], { where: "status IN ('intent', 'signed')" })
@Index('chain_txs_on_behalf_idx', ['onBehalfOf', 'createdAt'], { where: 'on_behalf_of IS NOT NULL' })
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

  /**
   * payout (epochs: funding, posts, push batches) | relay (gas-free claims). Each lane is sent on its
   * own, so a queue of relayed claims never holds a payout back.
   */
  @Column({ type: 'varchar', length: 8, default: 'payout' })
  lane: string;

  /** The annotator a relayed claim is sent for (their daily cap counts these). */
  @Column({ type: 'integer', name: 'on_behalf_of', nullable: true })
  onBehalfOf: number | null;

  /**
   * intent | signed | confirmed | failed (for good: a mined revert, or a revert at estimation that
   * persisted) | cancelled (never sent: its epoch failed or was voided)
   */
  @Column({ type: 'varchar', length: 10, default: 'intent' })
  status: string;

  /** The address that signs it (the operator, or the relayer for relayed claims). */
  @Column({ type: 'varchar', length: 42, nullable: true })
  sender: string | null;

  @Column({ type: 'integer', nullable: true })
  nonce: number | null;

  @Column({ type: 'text', name: 'raw_tx', nullable: true })
  rawTx: string | null;

  /** The latest signed version (the mined one once confirmed); every version is in chain_tx_attempts. */
  @Column({ type: 'varchar', length: 66, nullable: true })
  hash: string | null;

  @Column({ type: 'integer', name: 'block_number', nullable: true })
  blockNumber: number | null;

  @Column({ type: 'integer', name: 'gas_used', nullable: true })
  gasUsed: number | null;

  /** Why it failed for good. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Tries that went wrong so far (transient errors, estimation reverts); the row stays pending. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Estimation reverts so far: a few are retried, then the revert is final. */
  @Column({ type: 'integer', name: 'estimate_reverts', default: 0 })
  estimateReverts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  /** Not tried again before this (backoff after an error). */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** When a node first took the current signed version: a replacement is due some time after. */
  @Column({ type: 'timestamptz', name: 'broadcast_at', nullable: true })
  broadcastAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
