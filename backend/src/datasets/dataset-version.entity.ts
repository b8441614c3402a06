import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../projects/project.entity.js';

/**
 * A dataset version: what was asked for (filters, split, licence), how far its build got, and once
 * ready what it is (its datasheet, provenance and files). Curated versions list their items in
 * `dataset_version_items`; synthetic ones name the version they were made from.
 */
@Entity('dataset_versions')
@Index('dataset_versions_project_idx', ['projectId', 'id'])
@Check('dataset_versions_kind_check', `"kind" IN ('curated', 'synthetic')`)
@Check('dataset_versions_status_check', `"status" IN ('building', 'ready', 'failed')`)
export class DatasetVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'project_id' })
  projectId: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: 20, default: 'curated' })
  kind: string;

  /** The version a synthetic version was generated from. */
  @Column({ type: 'integer', name: 'source_version_id', nullable: true })
  sourceVersionId: number | null;

  @ManyToOne(() => DatasetVersionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_version_id' })
  sourceVersion?: DatasetVersionEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** SPDX identifier. */
  @Column({ type: 'varchar', length: 100 })
  license: string;

  @Column({ type: 'text', name: 'intended_use', nullable: true })
  intendedUse: string | null;

  /** DatasetFilters as asked for. */
  @Column({ type: 'jsonb' })
  filters: Record<string, unknown>;

  /** Split fractions {train, validation, test}. */
  @Column({ type: 'jsonb' })
  splits: Record<string, number>;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seed: number;

  @Column({ type: 'varchar', length: 20, default: 'building' })
  status: string;

  /** The build step in progress or last finished: select, datasheet, export, ready. */
  @Column({ type: 'varchar', length: 20, default: 'select' })
  step: string;

  @Column({ type: 'integer', name: 'progress_done', default: 0 })
  progressDone: number;

  @Column({ type: 'integer', name: 'progress_total', default: 0 })
  progressTotal: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', name: 'item_count', nullable: true })
  itemCount: number | null;

  /** The DatasetSchema the exports were written with, fixed when the items were selected. */
  @Column({ type: 'jsonb', nullable: true })
  schema: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  datasheet: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  provenance: Record<string, unknown> | null;

  /** A synthetic version's report (SDMetrics-style scores); null for curated versions. */
  @Column({ type: 'jsonb', nullable: true })
  report: Record<string, unknown> | null;

  /** The version's file key, wrapped with the master key (key-wrap.ts). */
  @Column({ type: 'bytea', name: 'wrapped_key' })
  wrappedKey: Buffer;

  @Column({ type: 'integer', name: 'created_by', nullable: true })
  createdBy: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
