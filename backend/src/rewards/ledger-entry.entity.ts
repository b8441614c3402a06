import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * One movement of an annotator's earnings, in the token's smallest unit. Rows are never changed or
 * deleted (a trigger refuses it): a correction is a reversing entry. Epochs take every entry up to
 * their cutoff id.
 */
@Entity('ledger_entries')
@Index('ledger_entries_annotator_idx', ['annotatorId', 'id'])
@Index('ledger_entries_annotation_idx', ['annotationId'])
@Index('ledger_entries_project_idx', ['projectId'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'annotator_id' })
  annotator?: UserEntity;

  @Column({ type: 'integer', name: 'project_id', nullable: true })
  projectId: number | null;

  /** The label that earned it (rewards and their reversals). */
  @Column({ type: 'integer', name: 'annotation_id', nullable: true })
  annotationId: number | null;

  /** reward | reversal | adjustment */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** Signed, smallest unit. */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  amount: string;

  /** Trust multiplier applied, basis points (rewards only). */
  @Column({ type: 'integer', name: 'multiplier_bps', nullable: true })
  multiplierBps: number | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  note: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
