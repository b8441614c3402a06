import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'SalesRevenueShare1796407995920';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "faucet_grants" ("id" SERIAL NOT NULL, "address" character varying(42) NOT NULL, "gas_wei" numeric(78,0) NOT NULL, "tokens" numeric(78,0) NOT NULL, "gas_tx" character varying(66), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1baa36db69a5e20e8275c7ea2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "faucet_grants_address_idx" ON "faucet_grants"  ("address", "created_at") `);
    await queryRunner.query(`CREATE TABLE "dataset_listing_changes" ("id" SERIAL NOT NULL, "version_id" integer NOT NULL, "listed" boolean NOT NULL, "requested_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f09a9dea364ae9a3e3fbfcc8e44" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "dataset_listing_changes_version_idx" ON "dataset_listing_changes"  ("version_id", "id") `);
    await queryRunner.query(`CREATE TABLE "sales" ("id" SERIAL NOT NULL, "chain_id" integer NOT NULL, "tx_hash" character varying(66) NOT NULL, "log_index" integer NOT NULL, "block_number" bigint NOT NULL, "sold_at" TIMESTAMP WITH TIME ZONE NOT NULL, "nft_address" character varying(42) NOT NULL, "datatoken_address" character varying(42) NOT NULL, "did" character varying(100) NOT NULL, "service_index" integer NOT NULL, "consumer" character varying(42) NOT NULL, "payer" character varying(42) NOT NULL, "base_token_amount" numeric(78,0) NOT NULL, "base_token_address" character varying(42), "version_id" integer, "share_bps" integer, "share_amount" numeric(78,0) NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f0bc990ae81dba46da680895ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sales_payer_idx" ON "sales"  ("payer") `);
    await queryRunner.query(`CREATE INDEX "sales_consumer_idx" ON "sales"  ("consumer") `);
    await queryRunner.query(`CREATE INDEX "sales_version_idx" ON "sales"  ("version_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "sales_order_key" ON "sales"  ("chain_id", "tx_hash", "log_index") `);
    await queryRunner.query(`CREATE TABLE "sale_shares" ("sale_id" integer NOT NULL, "annotator_id" integer NOT NULL, "labels" integer NOT NULL, "amount" numeric(78,0) NOT NULL, "ledger_entry_id" bigint NOT NULL, CONSTRAINT "PK_1b052ac4963ba2201f7eb2fed1b" PRIMARY KEY ("sale_id", "annotator_id"))`);
    await queryRunner.query(`CREATE INDEX "sale_shares_annotator_idx" ON "sale_shares"  ("annotator_id") `);
    await queryRunner.query(`CREATE TABLE "sales_settings" ("id" integer NOT NULL, "share_bps" integer NOT NULL, "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sales_settings_share_check" CHECK ("share_bps" BETWEEN 0 AND 10000), CONSTRAINT "sales_settings_single_check" CHECK ("id" = 1), CONSTRAINT "PK_e6867c5637fa92037149f8044f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "sale_shares" ADD CONSTRAINT "FK_2314ddf76340600fb5c9a00275f" FOREIGN KEY ("sale_id") REFERENCES "sales"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sale_shares" DROP CONSTRAINT "FK_2314ddf76340600fb5c9a00275f"`);
    await queryRunner.query(`DROP TABLE "sales_settings"`);
    await queryRunner.query(`DROP INDEX "public"."sale_shares_annotator_idx"`);
    await queryRunner.query(`DROP TABLE "sale_shares"`);
    await queryRunner.query(`DROP INDEX "public"."sales_order_key"`);
    await queryRunner.query(`DROP INDEX "public"."sales_version_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sales_consumer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sales_payer_idx"`);
    await queryRunner.query(`DROP TABLE "sales"`);
    await queryRunner.query(`DROP INDEX "public"."dataset_listing_changes_version_idx"`);
    await queryRunner.query(`DROP TABLE "dataset_listing_changes"`);
    await queryRunner.query(`DROP INDEX "public"."faucet_grants_address_idx"`);
    await queryRunner.query(`DROP TABLE "faucet_grants"`);
  }
}
