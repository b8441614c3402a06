import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Ocean event the indexer has read (a log of the factory, a data NFT, a datatoken, the fixed-rate
 * exchange or the dispenser), decoded. Unique by chain, transaction and log index: recording a log
 * twice (a resumed pass, a receipt indexed for read-your-writes, then the same block by the loop)
 * inserts nothing and changes nothing derived from it.
 */
@Entity('ocean_events')
@Index('ocean_events_tx_idx', ['txHash'])
export class OceanEventEntity {
  @PrimaryColumn({ type: 'integer', name: 'chain_id' })
  chainId: number;

  @PrimaryColumn({ type: 'varchar', length: 66, name: 'tx_hash' })
  txHash: string;

  @PrimaryColumn({ type: 'integer', name: 'log_index' })
  logIndex: number;

  @Column({ type: 'integer', name: 'block_number' })
  blockNumber: number;

  /** Checksummed address of the contract that emitted it. */
  @Column({ type: 'varchar', length: 42 })
  contract: string;

  /** The event's name in the ABI (NFTCreated, OrderStarted, Swapped, ...). */
  @Column({ type: 'varchar', length: 40 })
  name: string;

  /** Its arguments by name; integers as decimal strings, addresses checksummed. */
  @Column({ type: 'jsonb' })
  args: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'indexed_at' })
  indexedAt: Date;
}
