import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'GoldMixingAndQualification1795603339992';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "qualifications" ("project_id" integer NOT NULL, "annotator_id" integer NOT NULL, "gold_seen" integer NOT NULL DEFAULT '0', "gold_correct" integer NOT NULL DEFAULT '0', "status" character varying(12) NOT NULL DEFAULT 'qualifying', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0876aad013161fd0dcc7a7b6e51" PRIMARY KEY ("project_id", "annotator_id"))`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "gold_rate" double precision NOT NULL DEFAULT '0.1'`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "qualification_size" integer NOT NULL DEFAULT '4'`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "qualification_min_accuracy" double precision NOT NULL DEFAULT '0.75'`);
    await queryRunner.query(`CREATE INDEX "items_gold_idx" ON "items"  ("project_id", "id") WHERE gold IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."items_gold_idx"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "qualification_min_accuracy"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "qualification_size"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "gold_rate"`);
    await queryRunner.query(`DROP TABLE "qualifications"`);
  }
}
