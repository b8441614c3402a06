import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ItemEntity } from '../items/item.entity.js';

/** The quality engine's decision for one item: its inferred answer, confidence and status. */
@Entity('item_results')
@Index('item_results_project_idx', ['projectId', 'status'])
export class ItemResultEntity {
  @PrimaryColumn({ type: 'integer', name: 'item_id' })
  itemId: number;

  @OneToOne(() => ItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: ItemEntity;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  @Column({ type: 'jsonb' })
  result: unknown;

  @Column({ type: 'double precision' })
  confidence: number;

  /** A ConsensusStatus (domain/consensus-status.ts): confident, needs_more_labels or needs_review. */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ type: 'integer' })
  labels: number;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'timestamptz', name: 'computed_at', default: () => 'now()' })
  computedAt: Date;
}
