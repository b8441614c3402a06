import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectEntity } from '../projects/project.entity.js';
import type { ItemMedia } from './domain/item-media.js';

@Entity('items')
@Index('items_project_external_id_key', ['projectId', 'externalId'], { unique: true })
@Index('items_open_idx', ['projectId', 'id'], { where: 'taken < overlap' })
@Index('items_gold_idx', ['projectId', 'id'], { where: 'gold IS NOT NULL' })
export class ItemEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 200, name: 'external_id', nullable: true })
  externalId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  media: ItemMedia | null;

  /** The known answer of a gold item, in the project's result shape. Never shown to annotators. */
  @Column({ type: 'jsonb', nullable: true })
  gold: unknown;

  /** How many annotations this item should get (the project's overlap when imported). */
  @Column({ type: 'integer' })
  overlap: number;

  /** Live leases plus submitted annotations; kept by the assignment repository in the same statement. */
  @Column({ type: 'integer', default: 0 })
  taken: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
