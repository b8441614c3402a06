import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'QualityResultsAndGold1795599546897';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "item_results" ("item_id" integer NOT NULL, "project_id" integer NOT NULL, "result" jsonb NOT NULL, "confidence" double precision NOT NULL, "status" character varying(20) NOT NULL, "labels" integer NOT NULL, "method" character varying(10) NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed42137fd2ce7074a32807cfdc5" PRIMARY KEY ("item_id"))`);
    await queryRunner.query(`CREATE INDEX "item_results_project_idx" ON "item_results"  ("project_id", "status") `);
    await queryRunner.query(`CREATE TABLE "worker_quality" ("project_id" integer NOT NULL, "annotator_id" integer NOT NULL, "labels" integer NOT NULL, "accuracy" double precision NOT NULL, "gold_seen" integer NOT NULL, "gold_correct" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d99f6f36de5fcb1122a7e0ca3d1" PRIMARY KEY ("project_id", "annotator_id"))`);
    await queryRunner.query(`ALTER TABLE "items" ADD "gold" jsonb`);
    await queryRunner.query(`ALTER TABLE "item_results" ADD CONSTRAINT "FK_ed42137fd2ce7074a32807cfdc5" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "item_results" DROP CONSTRAINT "FK_ed42137fd2ce7074a32807cfdc5"`);
    await queryRunner.query(`ALTER TABLE "items" DROP COLUMN "gold"`);
    await queryRunner.query(`DROP TABLE "worker_quality"`);
    await queryRunner.query(`DROP INDEX "public"."item_results_project_idx"`);
    await queryRunner.query(`DROP TABLE "item_results"`);
  }
}
