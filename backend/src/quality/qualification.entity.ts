import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a new annotator stands in a project's qualification: their gold answers so far and the verdict. */
@Entity('qualifications')
export class QualificationEntity {
  @PrimaryColumn({ type: 'integer', name: 'project_id' })
  projectId: number;

  @PrimaryColumn({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @Column({ type: 'integer', name: 'gold_seen', default: 0 })
  goldSeen: number;

  @Column({ type: 'integer', name: 'gold_correct', default: 0 })
  goldCorrect: number;

  /** qualifying | passed | failed */
  @Column({ type: 'varchar', length: 12, default: 'qualifying' })
  status: string;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
