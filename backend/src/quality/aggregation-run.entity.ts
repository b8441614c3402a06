import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MethodSelection } from './domain/method-selection.js';

/** A project's last aggregation run: the method it used and, for `auto`, the evidence that chose it. */
@Entity('aggregation_runs')
export class AggregationRunEntity {
  @PrimaryColumn({ type: 'integer', name: 'project_id' })
  projectId: number;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  /** MethodSelection (domain/method-selection.ts); null when the run had nothing to choose. */
  @Column({ type: 'jsonb', nullable: true })
  selection: MethodSelection | null;

  @Column({ type: 'timestamptz', name: 'computed_at', default: () => 'now()' })
  computedAt: Date;
}
