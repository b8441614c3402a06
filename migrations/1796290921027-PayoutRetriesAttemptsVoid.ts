import { Transaction } from 'ethers';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retries, replacements and voids of payouts. Generated, plus one hand-written step: every signed
 * transaction already stored becomes the first version (attempt) of its row, its fees read back from
 * its signed bytes, so that a transaction in flight during the upgrade is looked up and replaced as any other.
 */
export class Migration implements MigrationInterface {
  name = 'PayoutRetriesAttemptsVoid1796290921027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "chain_tx_attempts" ("id" SERIAL NOT NULL, "tx_id" integer NOT NULL, "nonce" integer NOT NULL, "hash" character varying(66) NOT NULL, "raw_tx" text NOT NULL, "gas_limit" numeric(78,0) NOT NULL, "max_fee_per_gas" numeric(78,0) NOT NULL, "max_priority_fee_per_gas" numeric(78,0) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b758ce58d9416f47ad2f15c154c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "chain_tx_attempts_hash_key" ON "chain_tx_attempts"  ("hash") `);
    await queryRunner.query(`CREATE INDEX "chain_tx_attempts_tx_idx" ON "chain_tx_attempts"  ("tx_id") `);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "lane" character varying(8) NOT NULL DEFAULT 'payout'`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "on_behalf_of" integer`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "sender" character varying(42)`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "estimate_reverts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "last_error" text`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "chain_txs" ADD "broadcast_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "epoch_allocations" ADD "voided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "epochs" ADD "voided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "epochs" ADD "voided_by" integer`);
    await queryRunner.query(`CREATE INDEX "chain_txs_on_behalf_idx" ON "chain_txs"  ("on_behalf_of", "created_at") WHERE on_behalf_of IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "chain_tx_attempts" ADD CONSTRAINT "FK_12de1ae7c59ff4c4388229c176c" FOREIGN KEY ("tx_id") REFERENCES "chain_txs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    const signed = (await queryRunner.query(`SELECT id, raw_tx, created_at FROM chain_txs WHERE raw_tx IS NOT NULL ORDER BY id`)) as Array<{
      id: number;
      raw_tx: string;
      created_at: Date;
    }>;
    for (const row of signed) {
      const tx = Transaction.from(row.raw_tx);
      const maxFee = tx.maxFeePerGas ?? tx.gasPrice ?? 0n;
      await queryRunner.query(
        `INSERT INTO chain_tx_attempts (tx_id, nonce, hash, raw_tx, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, tx.nonce, tx.hash, row.raw_tx, tx.gasLimit.toString(), maxFee.toString(), (tx.maxPriorityFeePerGas ?? maxFee).toString(), row.created_at],
      );
    }
    await queryRunner.query(`UPDATE chain_txs SET broadcast_at = updated_at WHERE status = 'signed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chain_tx_attempts" DROP CONSTRAINT "FK_12de1ae7c59ff4c4388229c176c"`);
    await queryRunner.query(`DROP INDEX "public"."chain_txs_on_behalf_idx"`);
    await queryRunner.query(`ALTER TABLE "epochs" DROP COLUMN "voided_by"`);
    await queryRunner.query(`ALTER TABLE "epochs" DROP COLUMN "voided_at"`);
    await queryRunner.query(`ALTER TABLE "epoch_allocations" DROP COLUMN "voided_at"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "broadcast_at"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "last_error"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "estimate_reverts"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "attempts"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "sender"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "on_behalf_of"`);
    await queryRunner.query(`ALTER TABLE "chain_txs" DROP COLUMN "lane"`);
    await queryRunner.query(`DROP INDEX "public"."chain_tx_attempts_tx_idx"`);
    await queryRunner.query(`DROP INDEX "public"."chain_tx_attempts_hash_key"`);
    await queryRunner.query(`DROP TABLE "chain_tx_attempts"`);
  }
}
