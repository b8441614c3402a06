import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DatasetVersionEntity } from './dataset-version.entity.js';

/**
 * One item of a curated version, as it was when the version was built: the answer it carries and
 * where that came from, the annotations behind it and its split. Written once, in the transaction
 * that selects the version's items; never updated after the version is ready.
 */
@Entity('dataset_version_items')
@Check('dataset_version_items_source_check', `"source" IN ('inferred', 'gold', 'review')`)
@Check('dataset_version_items_split_check', `"split" IN ('train', 'validation', 'test')`)
export class DatasetVersionItemEntity {
  @PrimaryColumn({ type: 'integer', name: 'version_id' })
  versionId: number;

  @ManyToOne(() => DatasetVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: DatasetVersionEntity;

  /** No foreign key: items with labels are not deleted, and a version outlives any later edit. */
  @PrimaryColumn({ type: 'integer', name: 'item_id' })
  itemId: number;

  /** The record's id in the files: the item's external id, else `item-<id>`. */
  @Column({ type: 'varchar', length: 210, name: 'record_id' })
  recordId: string;

  @Column({ type: 'varchar', length: 10 })
  split: string;

  @Column({ type: 'jsonb' })
  answer: unknown;

  @Column({ type: 'double precision' })
  confidence: number;

  @Column({ type: 'varchar', length: 10 })
  source: string;

  /** The truth-inference method that gave the answer (`gold`, `review` for those). */
  @Column({ type: 'varchar', length: 20 })
  method: string;

  /** When the answer was given: the review's time, else the item's last counted label. */
  @Column({ type: 'timestamptz', name: 'answered_at' })
  answeredAt: Date;

  /** The live annotations of the item when the version was built. */
  @Column({ type: 'integer', array: true, name: 'annotation_ids' })
  annotationIds: number[];
}
