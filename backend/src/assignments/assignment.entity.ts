import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from '../items/item.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** A lease of one item to one annotator (Label Studio's TaskLock), and what became of it. */
@Entity('assignments')
@Index('assignments_item_annotator_key', ['itemId', 'annotatorId'], { unique: true })
@Index('assignments_live_idx', ['annotatorId', 'projectId'], { where: `status = 'leased'` })
@Index('assignments_expiry_idx', ['expiresAt'], { where: `status = 'leased'` })
@Check('assignments_status_check', `"status" IN ('leased', 'submitted', 'skipped', 'expired', 'cancelled')`)
export class AssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  // No foreign key: the item's key already ties the row to its project, and a key check on the one
  // project row from every concurrent submit would pile shared locks (multixacts) onto it.
  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'integer', name: 'item_id' })
  itemId: number;

  // No foreign keys on the hot tables (as for the project): every lease and submit would run
  // a key check per reference and share-lock the item and user rows, which concurrent labels of one
  // item or one annotator turn into multixacts. Rows are written only from rows just read or locked
  // (the lease, the caller); deletes of items, projects and users remove their rows themselves.
  @ManyToOne(() => ItemEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'item_id' })
  item?: ItemEntity;

  @Column({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @ManyToOne(() => UserEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'annotator_id' })
  annotator?: UserEntity;

  @Column({ type: 'varchar', length: 12, default: 'leased' })
  status: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** Unfinished work kept across reloads (Label Studio's AnnotationDraft). */
  @Column({ type: 'jsonb', nullable: true })
  draft: unknown;

  /** When the lease was handed out; a resumed lease keeps it (the server's time per label starts here). */
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
