import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A datatoken the factory created (TokenCreated) for a data NFT it knows. */
@Entity('ocean_datatokens')
@Index('ocean_datatokens_nft_idx', ['nftAddress'])
export class OceanDatatokenEntity {
  /** Checksummed. */
  @PrimaryColumn({ type: 'varchar', length: 42 })
  address: string;

  @Column({ type: 'varchar', length: 42, name: 'nft_address' })
  nftAddress: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  symbol: string;

  /** The template contract's address. */
  @Column({ type: 'varchar', length: 42 })
  template: string;

  /** Smallest units, decimal. */
  @Column({ type: 'varchar', length: 80 })
  cap: string;

  @Column({ type: 'varchar', length: 66, name: 'created_tx' })
  createdTx: string;

  @Column({ type: 'integer', name: 'created_block' })
  createdBlock: number;
}
