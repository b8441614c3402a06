import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An annotator's measured quality in one project, recomputed by each aggregation. */
@Entity('worker_quality')
export class WorkerQualityEntity {
  @PrimaryColumn({ type: 'integer', name: 'project_id' })
  projectId: number;

  @PrimaryColumn({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @Column({ type: 'integer' })
  labels: number;

  /** Agreement with the inferred answers (Dawid-Skene: from the confusion matrix). */
  @Column({ type: 'double precision' })
  accuracy: number;

  @Column({ type: 'integer', name: 'gold_seen' })
  goldSeen: number;

  @Column({ type: 'integer', name: 'gold_correct' })
  goldCorrect: number;

  @Column({ type: 'timestamptz', name: 'computed_at', default: () => 'now()' })
  computedAt: Date;
}
