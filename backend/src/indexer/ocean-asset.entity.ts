import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A data NFT created by the deployed ERC721Factory (by Tessera or by anyone else), and the DDO its
 * last MetadataCreated/MetadataUpdated event holds. `search` is the full-text document of the DDO
 * (name, description, tags, labels), kept by the indexer; its GIN index is created by the migration.
 */
@Entity('ocean_assets')
@Index('ocean_assets_did_key', ['did'], { unique: true })
@Index('ocean_assets_search_idx', { synchronize: false })
export class OceanAssetEntity {
  /** Checksummed. */
  @PrimaryColumn({ type: 'varchar', length: 42, name: 'nft_address' })
  nftAddress: string;

  @Column({ type: 'integer', name: 'chain_id' })
  chainId: number;

  @Column({ type: 'varchar', length: 80 })
  did: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  symbol: string;

  @Column({ type: 'text', name: 'token_uri' })
  tokenUri: string;

  /** The NFTCreated `admin`: who owns the NFT (and sets its metadata). */
  @Column({ type: 'varchar', length: 42 })
  owner: string;

  @Column({ type: 'varchar', length: 42 })
  creator: string;

  @Column({ type: 'varchar', length: 66, name: 'created_tx' })
  createdTx: string;

  @Column({ type: 'integer', name: 'created_block' })
  createdBlock: number;

  /** Metadata state: 0 active, 1 end-of-life, 2 deprecated, 3 revoked, 4 ordering disabled, 5 unlisted. */
  @Column({ type: 'smallint', default: 0 })
  state: number;

  /** The DDO, once a metadata event held one that decoded and checked; null before (or when skipped). */
  @Column({ type: 'jsonb', nullable: true })
  ddo: Record<string, unknown> | null;

  /** Why the last metadata event's DDO was not taken (encrypted for another provider, hash mismatch, not JSON). */
  @Column({ type: 'text', name: 'ddo_error', nullable: true })
  ddoError: string | null;

  @Column({ type: 'text', name: 'decryptor_url', nullable: true })
  decryptorUrl: string | null;

  /** The last metadata event (MetadataCreated / MetadataUpdated / MetadataState) applied. */
  @Column({ type: 'varchar', length: 66, name: 'metadata_tx', nullable: true })
  metadataTx: string | null;

  @Column({ type: 'varchar', length: 42, name: 'metadata_from', nullable: true })
  metadataFrom: string | null;

  @Column({ type: 'integer', name: 'metadata_block', nullable: true })
  metadataBlock: number | null;

  @Column({ type: 'integer', name: 'metadata_log_index', nullable: true })
  metadataLogIndex: number | null;

  /** The event's own timestamp (block time). */
  @Column({ type: 'timestamptz', name: 'metadata_at', nullable: true })
  metadataAt: Date | null;

  /** Time of the first MetadataCreated: when the asset was listed. */
  @Column({ type: 'timestamptz', name: 'listed_at', nullable: true })
  listedAt: Date | null;

  @Column({ type: 'tsvector', nullable: true, select: false })
  search: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
