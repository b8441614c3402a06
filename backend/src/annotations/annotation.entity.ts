import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from '../items/item.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { AssignmentEntity } from '../tasks/assignment.entity.js';
import { UserEntity } from '../users/user.entity.js';

@Entity('annotations')
@Index('annotations_project_idx', ['projectId', 'id'])
@Index('annotations_item_idx', ['itemId'])
@Index('annotations_annotator_idx', ['annotatorId', 'id'])
export class AnnotationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'assignment_id' })
  assignmentId: number;

  @OneToOne(() => AssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: AssignmentEntity;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  // No foreign key: the item's key already ties the row to its project, and a key check on the one
  // project row from every concurrent submit would pile shared locks (multixacts) onto it.
  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'integer', name: 'item_id' })
  itemId: number;

  @ManyToOne(() => ItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: ItemEntity;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'annotator_id' })
  annotator?: UserEntity;

  @Column({ type: 'jsonb' })
  result: unknown;

  @Column({ type: 'integer', name: 'lead_time_ms' })
  leadTimeMs: number;

  /** Set when the label stopped counting (its annotator was suspended); kept for the record. */
  @Column({ type: 'timestamptz', name: 'discarded_at', nullable: true })
  discardedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
