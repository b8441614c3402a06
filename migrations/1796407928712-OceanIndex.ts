import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'OceanIndex1796407928712';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ocean_assets" ("nft_address" character varying(42) NOT NULL, "chain_id" integer NOT NULL, "did" character varying(80) NOT NULL, "name" text NOT NULL, "symbol" text NOT NULL, "token_uri" text NOT NULL, "owner" character varying(42) NOT NULL, "creator" character varying(42) NOT NULL, "created_tx" character varying(66) NOT NULL, "created_block" integer NOT NULL, "state" smallint NOT NULL DEFAULT '0', "ddo" jsonb, "ddo_error" text, "decryptor_url" text, "metadata_tx" character varying(66), "metadata_from" character varying(42), "metadata_block" integer, "metadata_log_index" integer, "metadata_at" TIMESTAMP WITH TIME ZONE, "listed_at" TIMESTAMP WITH TIME ZONE, "search" tsvector, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_171fb791c7e8312031f524eda9f" PRIMARY KEY ("nft_address"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ocean_assets_did_key" ON "ocean_assets"  ("did") `);
    // Added by hand: TypeORM's index decorator cannot say GIN (the entity declares it with synchronize: false).
    await queryRunner.query(`CREATE INDEX "ocean_assets_search_idx" ON "ocean_assets" USING GIN ("search")`);
    await queryRunner.query(`CREATE TABLE "ocean_datatokens" ("address" character varying(42) NOT NULL, "nft_address" character varying(42) NOT NULL, "name" text NOT NULL, "symbol" text NOT NULL, "template" character varying(42) NOT NULL, "cap" character varying(80) NOT NULL, "created_tx" character varying(66) NOT NULL, "created_block" integer NOT NULL, CONSTRAINT "PK_16907041407e104c0deb18319c8" PRIMARY KEY ("address"))`);
    await queryRunner.query(`CREATE INDEX "ocean_datatokens_nft_idx" ON "ocean_datatokens"  ("nft_address") `);
    await queryRunner.query(`CREATE TABLE "ocean_events" ("chain_id" integer NOT NULL, "tx_hash" character varying(66) NOT NULL, "log_index" integer NOT NULL, "block_number" integer NOT NULL, "contract" character varying(42) NOT NULL, "name" character varying(40) NOT NULL, "args" jsonb NOT NULL, "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5a8b74ef17639fabb3e8bd3f9c" PRIMARY KEY ("chain_id", "tx_hash", "log_index"))`);
    await queryRunner.query(`CREATE INDEX "ocean_events_tx_idx" ON "ocean_events"  ("tx_hash") `);
    await queryRunner.query(`CREATE TABLE "ocean_orders" ("chain_id" integer NOT NULL, "tx_hash" character varying(66) NOT NULL, "log_index" integer NOT NULL, "block_number" integer NOT NULL, "datatoken" character varying(42) NOT NULL, "nft_address" character varying(42) NOT NULL, "consumer" character varying(42) NOT NULL, "payer" character varying(42) NOT NULL, "service_index" integer NOT NULL, "amount" numeric(78,0) NOT NULL, "base_token_amount" numeric(78,0) NOT NULL, "base_token" character varying(42), "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sale_recorded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_75fb97147a119ce0a5a1d5bd883" PRIMARY KEY ("chain_id", "tx_hash", "log_index"))`);
    await queryRunner.query(`CREATE INDEX "ocean_orders_unrecorded_idx" ON "ocean_orders"  ("block_number") WHERE "sale_recorded_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ocean_orders_nft_idx" ON "ocean_orders"  ("nft_address") `);
    await queryRunner.query(`CREATE TABLE "ocean_prices" ("contract" character varying(42) NOT NULL, "price_id" character varying(66) NOT NULL, "kind" character varying(20) NOT NULL, "datatoken" character varying(42) NOT NULL, "base_token" character varying(42), "rate" numeric(78,0) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_tx" character varying(66) NOT NULL, CONSTRAINT "ocean_prices_kind_check" CHECK ("kind" IN ('fixedrate', 'dispenser')), CONSTRAINT "PK_e497ac057ddbee03859b71d6775" PRIMARY KEY ("contract", "price_id"))`);
    await queryRunner.query(`CREATE INDEX "ocean_prices_datatoken_idx" ON "ocean_prices"  ("datatoken") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ocean_prices_datatoken_idx"`);
    await queryRunner.query(`DROP TABLE "ocean_prices"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_orders_nft_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_orders_unrecorded_idx"`);
    await queryRunner.query(`DROP TABLE "ocean_orders"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_events_tx_idx"`);
    await queryRunner.query(`DROP TABLE "ocean_events"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_datatokens_nft_idx"`);
    await queryRunner.query(`DROP TABLE "ocean_datatokens"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_assets_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ocean_assets_did_key"`);
    await queryRunner.query(`DROP TABLE "ocean_assets"`);
  }
}
