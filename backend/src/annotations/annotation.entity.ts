import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ItemEntity } from '../items/item.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { UserEntity } from '../users/user.entity.js';

@Entity('annotations')
@Index('annotations_project_idx', ['projectId', 'id'])
@Index('annotations_item_idx', ['itemId'])
@Index('annotations_annotator_idx', ['annotatorId', 'id'])
// One annotation per assignment: what makes a retried submit return the first one.
@Unique('REL_7e45ee9b29dda5e215870b4ab8', ['assignmentId'])
export class AnnotationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'assignment_id' })
  assignmentId: number;

  // No foreign keys on the hot tables (as for the project): every lease and submit would run
  // a key check per reference and share-lock the item and user rows, which concurrent labels of one
  // item or one annotator turn into multixacts. Rows are written only from rows just read or locked
  // (the lease, the caller); deletes of items, projects and users remove their rows themselves.
  @OneToOne(() => AssignmentEntity, { createForeignKeyConstraints: false })
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

  @ManyToOne(() => ItemEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'item_id' })
  item?: ItemEntity;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'annotator_id' })
  annotator?: UserEntity;

  /** The answer, corrected or not: the crowd's decision, pay, the dataset's provenance. */
  @Column({ type: 'jsonb' })
  result: unknown;

  /**
   * The answer first submitted, kept when the annotator corrects the label (null until then): what
   * their gold score is judged on, so that a trust score that moved after an aggregation cannot be
   * followed back to a check item and fixed. Kept for every item alike: nothing an annotator sees
   * differs between a check item and another.
   */
  @Column({ type: 'jsonb', name: 'submitted_result', nullable: true })
  submittedResult: unknown;

  /** Time spent as the client reported it: shown, never trusted. */
  @Column({ type: 'integer', name: 'lead_time_ms' })
  leadTimeMs: number;

  /**
   * Time from the lease being handed out to the submit being received, measured by the server: what
   * the rules that judge speed read. Null for labels made without a lease (an admin's direct label).
   */
  @Column({ type: 'integer', name: 'server_time_ms', nullable: true })
  serverTimeMs: number | null;

  /** Set when the label stopped counting (its annotator was suspended); kept for the record. */
  @Column({ type: 'timestamptz', name: 'discarded_at', nullable: true })
  discardedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
