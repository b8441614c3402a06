import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One confirmed order of a dataset asset, as the chain indexer handed it over (market/sale.ts). Written
 * once, in the transaction that writes the annotators' share of it; a sale handed over again (same
 * chain, transaction and log index) finds its row and changes nothing.
 */
@Entity('sales')
@Index('sales_order_key', ['chainId', 'txHash', 'logIndex'], { unique: true })
@Index('sales_version_idx', ['versionId'])
@Index('sales_consumer_idx', ['consumer'])
@Index('sales_payer_idx', ['payer'])
export class SaleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'chain_id' })
  chainId: number;

  /** Lower case. */
  @Column({ type: 'varchar', length: 66, name: 'tx_hash' })
  txHash: string;

  @Column({ type: 'integer', name: 'log_index' })
  logIndex: number;

  @Column({ type: 'bigint', name: 'block_number', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  blockNumber: number;

  @Column({ type: 'timestamptz', name: 'sold_at' })
  soldAt: Date;

  /** Addresses lower case. */
  @Column({ type: 'varchar', length: 42, name: 'nft_address' })
  nftAddress: string;

  @Column({ type: 'varchar', length: 42, name: 'datatoken_address' })
  datatokenAddress: string;

  @Column({ type: 'varchar', length: 100 })
  did: string;

  @Column({ type: 'integer', name: 'service_index' })
  serviceIndex: number;

  @Column({ type: 'varchar', length: 42 })
  consumer: string;

  @Column({ type: 'varchar', length: 42 })
  payer: string;

  /** What the buyer paid, base token's smallest unit; 0 for a free order. */
  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'base_token_amount' })
  baseTokenAmount: string;

  @Column({ type: 'varchar', length: 42, name: 'base_token_address', nullable: true })
  baseTokenAddress: string | null;

  /** The Tessera version sold (its publication's NFT); null for an asset published by someone else. */
  @Column({ type: 'integer', name: 'version_id', nullable: true })
  versionId: number | null;

  /** The share applied, basis points; null when nothing was shared (not a Tessera version). */
  @Column({ type: 'integer', name: 'share_bps', nullable: true })
  shareBps: number | null;

  /** What the annotators got in all, reward token's smallest unit (the sum of the sale's ledger entries). */
  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'share_amount', default: 0 })
  shareAmount: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
