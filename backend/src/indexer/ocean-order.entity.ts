import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An OrderStarted of a datatoken the indexer knows: a sale. `baseTokenAmount` is what the publisher
 * got for it: the buy of the datatoken on the fixed-rate exchange that preceded it in the same
 * transaction (one buy per order, in order), less the swap's fees (IndexerRepository.swapIn); "0"
 * without one: a dispenser, or datatokens bought in an earlier transaction. `saleRecordedAt` is set once the SALE_SINK took it (after the
 * confirmations), so a sale is handed over at least once, and again only after a crash in between.
 */
@Entity('ocean_orders')
@Index('ocean_orders_nft_idx', ['nftAddress'])
@Index('ocean_orders_unrecorded_idx', ['blockNumber'], { where: '"sale_recorded_at" IS NULL' })
export class OceanOrderEntity {
  @PrimaryColumn({ type: 'integer', name: 'chain_id' })
  chainId: number;

  @PrimaryColumn({ type: 'varchar', length: 66, name: 'tx_hash' })
  txHash: string;

  @PrimaryColumn({ type: 'integer', name: 'log_index' })
  logIndex: number;

  @Column({ type: 'integer', name: 'block_number' })
  blockNumber: number;

  @Column({ type: 'varchar', length: 42 })
  datatoken: string;

  @Column({ type: 'varchar', length: 42, name: 'nft_address' })
  nftAddress: string;

  @Column({ type: 'varchar', length: 42 })
  consumer: string;

  @Column({ type: 'varchar', length: 42 })
  payer: string;

  @Column({ type: 'integer', name: 'service_index' })
  serviceIndex: number;

  /** Datatokens the order burnt, smallest units. */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  amount: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'base_token_amount' })
  baseTokenAmount: string;

  @Column({ type: 'varchar', length: 42, name: 'base_token', nullable: true })
  baseToken: string | null;

  @Column({ type: 'timestamptz', name: 'ordered_at' })
  orderedAt: Date;

  @Column({ type: 'timestamptz', name: 'sale_recorded_at', nullable: true })
  saleRecordedAt: Date | null;
}
