import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/** An annotator stopped from working, with the rules that caught them; lifted by an admin. */
@Entity('suspensions')
@Index('suspensions_active_idx', ['annotatorId'], { where: 'lifted_at IS NULL' })
export class SuspensionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'annotator_id' })
  annotator?: UserEntity;

  /** The project whose labels gave it away (null when an admin suspended directly). */
  @Column({ type: 'integer', name: 'project_id', nullable: true })
  projectId: number | null;

  @Column({ type: 'jsonb' })
  reasons: unknown;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'lifted_at', nullable: true })
  liftedAt: Date | null;

  @Column({ type: 'integer', name: 'lifted_by', nullable: true })
  liftedBy: number | null;

  /** When the annotator asked an admin to look at it again (the latest time they asked). */
  @Column({ type: 'timestamptz', name: 'review_requested_at', nullable: true })
  reviewRequestedAt: Date | null;

  /** What the annotator wrote with their request. */
  @Column({ type: 'varchar', length: 1000, name: 'review_message', nullable: true })
  reviewMessage: string | null;
}
