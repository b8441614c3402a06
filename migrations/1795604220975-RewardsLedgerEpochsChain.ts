import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'RewardsLedgerEpochsChain1795604220975';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "chain_state" ("chain_id" integer NOT NULL, "key" character varying(60) NOT NULL, "value" character varying(200) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8c92b5c2d47e7b7fcdb2f6d0c3" PRIMARY KEY ("chain_id", "key"))`);
    await queryRunner.query(`CREATE TABLE "chain_txs" ("id" SERIAL NOT NULL, "purpose" character varying(100) NOT NULL, "chain_id" integer NOT NULL, "to" character varying(42) NOT NULL, "data" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'intent', "nonce" integer, "raw_tx" text, "hash" character varying(66), "block_number" integer, "gas_used" integer, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8c7ce97c8244c09f0f8243139b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "chain_txs_pending_idx" ON "chain_txs"  ("id") WHERE status IN ('intent', 'signed')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "chain_txs_purpose_key" ON "chain_txs"  ("purpose") `);
    await queryRunner.query(`CREATE TABLE "claims" ("epoch_id" integer NOT NULL, "leaf_index" integer NOT NULL, "account" character varying(42) NOT NULL, "amount" numeric(78,0) NOT NULL, "tx_hash" character varying(66) NOT NULL, "block_number" integer NOT NULL, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_39df7f67fe2c743ef4b010efacd" PRIMARY KEY ("epoch_id", "leaf_index"))`);
    await queryRunner.query(`CREATE TABLE "epoch_allocations" ("epoch_id" integer NOT NULL, "leaf_index" integer NOT NULL, "annotator_id" integer NOT NULL, "account" character varying(42) NOT NULL, "amount" numeric(78,0) NOT NULL, CONSTRAINT "PK_daf272c69190ff1a7929ea97af9" PRIMARY KEY ("epoch_id", "leaf_index"))`);
    await queryRunner.query(`CREATE INDEX "epoch_allocations_annotator_idx" ON "epoch_allocations"  ("annotator_id") `);
    await queryRunner.query(`CREATE TABLE "epochs" ("id" SERIAL NOT NULL, "mode" character varying(8) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'closed', "cutoff_entry_id" bigint NOT NULL, "total" numeric(78,0) NOT NULL, "recipients" integer NOT NULL, "root" character varying(66), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "posted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b4cdb7f1a8e2cf9619060285e6f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "ledger_entries" ("id" BIGSERIAL NOT NULL, "annotator_id" integer NOT NULL, "project_id" integer, "annotation_id" integer, "kind" character varying(16) NOT NULL, "amount" numeric(78,0) NOT NULL, "multiplier_bps" integer, "note" character varying(200) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ledger_entries_project_idx" ON "ledger_entries"  ("project_id") `);
    await queryRunner.query(`CREATE INDEX "ledger_entries_annotation_idx" ON "ledger_entries"  ("annotation_id") `);
    await queryRunner.query(`CREATE INDEX "ledger_entries_annotator_idx" ON "ledger_entries"  ("annotator_id", "id") `);
    await queryRunner.query(`ALTER TABLE "projects" ADD "reward_budget" numeric(36,18)`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD CONSTRAINT "FK_eac5d2cbb3fb6a99a1b343090d9" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Written by hand (TypeORM has no triggers): ledger rows are immutable; corrections are new rows.
    await queryRunner.query(`CREATE FUNCTION ledger_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger entries are immutable: append a reversing entry instead' USING ERRCODE = 'check_violation'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_entries_immutable ON "ledger_entries"`);
    await queryRunner.query(`DROP FUNCTION ledger_entries_immutable()`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_eac5d2cbb3fb6a99a1b343090d9"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "reward_budget"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_annotator_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_annotation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_project_idx"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP TABLE "epochs"`);
    await queryRunner.query(`DROP INDEX "public"."epoch_allocations_annotator_idx"`);
    await queryRunner.query(`DROP TABLE "epoch_allocations"`);
    await queryRunner.query(`DROP TABLE "claims"`);
    await queryRunner.query(`DROP INDEX "public"."chain_txs_purpose_key"`);
    await queryRunner.query(`DROP INDEX "public"."chain_txs_pending_idx"`);
    await queryRunner.query(`DROP TABLE "chain_txs"`);
    await queryRunner.query(`DROP TABLE "chain_state"`);
  }
}
