import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How a datatoken is sold: a fixed-rate exchange (ExchangeCreated; `priceId` the exchange id) or a
 * dispenser (DispenserCreated; `priceId` the datatoken), on the deployed FixedRateExchange / Dispenser.
 */
@Entity('ocean_prices')
@Index('ocean_prices_datatoken_idx', ['datatoken'])
@Check('ocean_prices_kind_check', `"kind" IN ('fixedrate', 'dispenser')`)
export class OceanPriceEntity {
  @PrimaryColumn({ type: 'varchar', length: 42 })
  contract: string;

  @PrimaryColumn({ type: 'varchar', length: 66, name: 'price_id' })
  priceId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 42 })
  datatoken: string;

  @Column({ type: 'varchar', length: 42, name: 'base_token', nullable: true })
  baseToken: string | null;

  /** Base tokens per datatoken, 18-decimal fixed point (FixedRateExchange's fixedRate), decimal; "0" for a dispenser. */
  @Column({ type: 'numeric', precision: 78, scale: 0 })
  rate: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 66, name: 'created_tx' })
  createdTx: string;
}
