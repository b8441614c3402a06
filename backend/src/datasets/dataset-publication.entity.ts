import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DatasetVersionEntity } from './dataset-version.entity.js';

/**
 * A version's publication on Ocean: one per version, written when publishing is asked for and moved
 * step by step by the publish job (datasets/dataset-publish.service.ts), each step's result recorded
 * before the next starts, so a job that runs again after a crash resumes where it stopped.
 */
@Entity('dataset_publications')
@Check('dataset_publications_status_check', `"status" IN ('publishing', 'published', 'failed')`)
@Check('dataset_publications_sale_check', `("price" IS NULL) = "free"`)
export class DatasetPublicationEntity {
  @PrimaryColumn({ type: 'integer', name: 'version_id' })
  versionId: number;

  @OneToOne(() => DatasetVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: DatasetVersionEntity;

  @Column({ type: 'varchar', length: 20, default: 'publishing' })
  status: string;

  /** The next step to run (PUBLISH_STEPS); `done` once published. */
  @Column({ type: 'varchar', length: 20 })
  step: string;

  /** Base tokens per datatoken, as a decimal string; null when free. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  price: string | null;

  @Column({ type: 'boolean', default: false })
  free: boolean;

  @Column({ type: 'varchar', length: 80, nullable: true })
  did: string | null;

  @Column({ type: 'varchar', length: 42, name: 'nft_address', nullable: true })
  nftAddress: string | null;

  @Column({ type: 'varchar', length: 42, name: 'datatoken_address', nullable: true })
  datatokenAddress: string | null;

  /** The fixed-rate exchange's contract and id (priced), or the dispenser's address (free). */
  @Column({ type: 'varchar', length: 42, name: 'exchange_address', nullable: true })
  exchangeAddress: string | null;

  @Column({ type: 'varchar', length: 66, name: 'exchange_id', nullable: true })
  exchangeId: string | null;

  @Column({ type: 'varchar', length: 42, name: 'dispenser_address', nullable: true })
  dispenserAddress: string | null;

  @Column({ type: 'varchar', length: 66, name: 'mint_tx', nullable: true })
  mintTx: string | null;

  @Column({ type: 'varchar', length: 66, name: 'metadata_tx', nullable: true })
  metadataTx: string | null;

  /** The DDO set on the NFT (its `files` encrypted for the provider). */
  @Column({ type: 'jsonb', nullable: true })
  ddo: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', name: 'requested_by', nullable: true })
  requestedBy: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
