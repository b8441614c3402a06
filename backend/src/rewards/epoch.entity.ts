import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A settlement of the ledger: every entry up to `cutoffEntryId`, totalled per annotator. In claim
 * mode its Merkle root is posted on chain (the epoch id is also the contract's); in push mode the
 * totals are paid by batch transfers.
 */
@Entity('epochs')
export class EpochEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** claim | push */
  @Column({ type: 'varchar', length: 8 })
  mode: string;

  /**
   * closed (totals fixed, transactions on their way) | posted (root on chain) | paid (every push batch
   * confirmed) | swept | failed (a transaction failed for good) | voided (failed, then given up by an
   * admin: its unpaid allocations are due again)
   */
  @Column({ type: 'varchar', length: 12, default: 'closed' })
  status: string;

  @Column({ type: 'bigint', name: 'cutoff_entry_id' })
  cutoffEntryId: string;

  @Column({ type: 'numeric', precision: 78, scale: 0 })
  total: string;

  @Column({ type: 'integer' })
  recipients: number;

  @Column({ type: 'varchar', length: 66, nullable: true })
  root: string | null;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'integer', name: 'closed_by', nullable: true })
  closedBy: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'posted_at', nullable: true })
  postedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'voided_at', nullable: true })
  voidedAt: Date | null;

  @Column({ type: 'integer', name: 'voided_by', nullable: true })
  voidedBy: number | null;
}
