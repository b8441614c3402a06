import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DatasetVersionEntity } from './dataset-version.entity.js';

/**
 * One row of a synthetic version, as the synthesizer made it: a synthetic version has no items, so
 * its records are kept here, in order, and every export reads them back from here. Written once by
 * the version's synthesize step (a rerun after a crash deletes the partial rows and makes them
 * again from the same seed); never updated.
 */
@Entity('dataset_synthetic_rows')
export class DatasetSyntheticRowEntity {
  @PrimaryColumn({ type: 'integer', name: 'version_id' })
  versionId: number;

  @ManyToOne(() => DatasetVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: DatasetVersionEntity;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  /** The DatasetRecord (datasets/domain/dataset-record.ts), split included. */
  @Column({ type: 'jsonb' })
  record: unknown;
}
