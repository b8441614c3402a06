import type { Project } from './domain/project.js';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('projects')
@Check('projects_type_check', `"type" IN ('classification', 'multilabel', 'spans', 'boxes', 'text')`)
@Check('projects_status_check', `"status" IN ('draft', 'active', 'paused', 'completed')`)
@Check('projects_overlap_check', `"overlap" >= 1`)
export class ProjectEntity implements Project {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: string;

  @Column({ type: 'jsonb' })
  labels: string[];

  @Column({ type: 'integer' })
  overlap: number;

  /** Dynamic overlap: an item below `targetConfidence` gets more labels, up to this many. */
  @Column({ type: 'integer', name: 'max_overlap', default: 1 })
  maxOverlap: number;

  /** Confidence at which the quality engine settles an item. */
  @Column({ type: 'double precision', name: 'target_confidence', default: 0.8 })
  targetConfidence: number;

  /** Share of an annotator's assignments that are gold items (when the project has gold). */
  @Column({ type: 'double precision', name: 'gold_rate', default: 0.1 })
  goldRate: number;

  /** Gold items a new annotator answers (gold-heavy) before their labels count; 0: no qualification. */
  @Column({ type: 'integer', name: 'qualification_size', default: 4 })
  qualificationSize: number;

  /** Share of the qualification's gold items to answer correctly. */
  @Column({ type: 'double precision', name: 'qualification_min_accuracy', default: 0.75 })
  qualificationMinAccuracy: number;

  @Column({ type: 'integer', name: 'lease_seconds' })
  leaseSeconds: number;

  /** Tokens per accepted label, as a decimal string (18 decimals). */
  @Column({ type: 'numeric', precision: 36, scale: 18, name: 'reward_per_label' })
  rewardPerLabel: string;

  /** Most tokens the project pays out in all (decimal string); null: no limit. Work stops when it is spent. */
  @Column({ type: 'numeric', precision: 36, scale: 18, name: 'reward_budget', nullable: true })
  rewardBudget: string | null;

  @Column({ type: 'text', default: '' })
  instructions: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
