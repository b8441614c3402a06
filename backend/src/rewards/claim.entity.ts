import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A payment seen on chain by the indexer: a `Claimed` event, or a push transfer of a confirmed batch. */
@Entity('claims')
export class ClaimEntity {
  @PrimaryColumn({ type: 'integer', name: 'epoch_id' })
  epochId: number;

  @PrimaryColumn({ type: 'integer', name: 'leaf_index' })
  leafIndex: number;

  @Column({ type: 'varchar', length: 42 })
  account: string;

  @Column({ type: 'numeric', precision: 78, scale: 0 })
  amount: string;

  @Column({ type: 'varchar', length: 66, name: 'tx_hash' })
  txHash: string;

  @Column({ type: 'integer', name: 'block_number' })
  blockNumber: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'seen_at' })
  seenAt: Date;
}
