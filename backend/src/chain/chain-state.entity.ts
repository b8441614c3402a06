import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small durable facts about a chain: deployed contract addresses, indexer cursors. */
@Entity('chain_state')
export class ChainStateEntity {
  @PrimaryColumn({ type: 'integer', name: 'chain_id' })
  chainId: number;

  /** e.g. `address:RewardToken`, `cursor:claims` */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
