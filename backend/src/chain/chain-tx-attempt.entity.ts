import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChainTxEntity } from './chain-tx.entity.js';

/**
 * One signed version of a chain transaction, stored before it is broadcast. A stuck transaction is
 * replaced by a new version with the same nonce and higher fees; any one of the versions may be the
 * one mined, so receipts are looked up for all of them.
 */
@Entity('chain_tx_attempts')
@Index('chain_tx_attempts_tx_idx', ['txId'])
@Index('chain_tx_attempts_hash_key', ['hash'], { unique: true })
export class ChainTxAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', name: 'tx_id' })
  txId: number;

  @ManyToOne(() => ChainTxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tx_id' })
  tx?: ChainTxEntity;

  @Column({ type: 'integer' })
  nonce: number;

  @Column({ type: 'varchar', length: 66 })
  hash: string;

  @Column({ type: 'text', name: 'raw_tx' })
  rawTx: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'gas_limit' })
  gasLimit: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'max_fee_per_gas' })
  maxFeePerGas: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, name: 'max_priority_fee_per_gas' })
  maxPriorityFeePerGas: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
