import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'Suspensions1795600016529';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "suspensions" ("id" SERIAL NOT NULL, "annotator_id" integer NOT NULL, "project_id" integer, "reasons" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_at" TIMESTAMP WITH TIME ZONE, "lifted_by" integer, CONSTRAINT "PK_c3df8984cf2c9a5726c11644474" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "suspensions_active_idx" ON "suspensions"  ("annotator_id") WHERE lifted_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD "discarded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "suspensions" ADD CONSTRAINT "FK_4df82544387e3c627d9b8a928ed" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "suspensions" DROP CONSTRAINT "FK_4df82544387e3c627d9b8a928ed"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP COLUMN "discarded_at"`);
    await queryRunner.query(`DROP INDEX "public"."suspensions_active_idx"`);
    await queryRunner.query(`DROP TABLE "suspensions"`);
  }
}
