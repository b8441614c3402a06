import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An admin's request to list or unlist a published version (its NFT's metadata state: 0 active,
 * 5 unlisted). The outbox sends it as `listing:<id>`; the last request of a version is its wish.
 */
@Entity('dataset_listing_changes')
@Index('dataset_listing_changes_version_idx', ['versionId', 'id'])
export class ListingChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'version_id' })
  versionId: number;

  @Column({ type: 'boolean' })
  listed: boolean;

  @Column({ type: 'integer', name: 'requested_by', nullable: true })
  requestedBy: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
