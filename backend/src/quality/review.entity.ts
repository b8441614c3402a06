import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from '../items/item.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** A reviewer's decision on an item (Label Studio's review outcomes). The latest one counts. */
@Entity('reviews')
@Index('reviews_item_idx', ['itemId', 'id'])
@Check('reviews_outcome_check', `"outcome" IN ('accepted', 'rejected', 'fixed_and_accepted')`)
export class ReviewEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'item_id' })
  itemId: number;

  @ManyToOne(() => ItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: ItemEntity;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  @Column({ type: 'integer', name: 'reviewer_id' })
  reviewerId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  outcome: string;

  /** The accepted answer (the inferred one, or the reviewer's fix); null when rejected. */
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
