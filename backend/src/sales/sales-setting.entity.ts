import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The sales settings an admin changed (one row; none until the first change: DATASET_SALE_SHARE_BPS holds). */
@Entity('sales_settings')
@Check('sales_settings_single_check', '"id" = 1')
@Check('sales_settings_share_check', '"share_bps" BETWEEN 0 AND 10000')
export class SalesSettingEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** Annotators' share of each sale, basis points. */
  @Column({ type: 'integer', name: 'share_bps' })
  shareBps: number;

  @Column({ type: 'integer', name: 'updated_by', nullable: true })
  updatedBy: number | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
