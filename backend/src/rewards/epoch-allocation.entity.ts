import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One annotator's total in an epoch: leaf `leafIndex` of its Merkle tree, or one push transfer. */
@Entity('epoch_allocations')
@Index('epoch_allocations_annotator_idx', ['annotatorId'])
export class EpochAllocationEntity {
  @PrimaryColumn({ type: 'integer', name: 'epoch_id' })
  epochId: number;

  @PrimaryColumn({ type: 'integer', name: 'leaf_index' })
  leafIndex: number;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  /** The wallet paid (checksummed). */
  @Column({ type: 'varchar', length: 42 })
  account: string;

  @Column({ type: 'numeric', precision: 78, scale: 0 })
  amount: string;

  /** Set when its epoch was voided before this leaf was paid: the amount is due again (`dues()`). */
  @Column({ type: 'timestamptz', name: 'voided_at', nullable: true })
  voidedAt: Date | null;
}
