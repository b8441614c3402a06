import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SaleEntity } from './sale.entity.js';

/** An annotator's part of a sale: how many of their labels the sold version holds, and the ledger entry that pays it. */
@Entity('sale_shares')
@Index('sale_shares_annotator_idx', ['annotatorId'])
export class SaleShareEntity {
  @PrimaryColumn({ type: 'integer', name: 'sale_id' })
  saleId: number;

  @ManyToOne(() => SaleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sale_id' })
  sale?: SaleEntity;

  @PrimaryColumn({ type: 'integer', name: 'annotator_id' })
  annotatorId: number;

  @Column({ type: 'integer' })
  labels: number;

  /** Reward token's smallest unit. */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  amount: string;

  @Column({ type: 'bigint', name: 'ledger_entry_id' })
  ledgerEntryId: string;
}
