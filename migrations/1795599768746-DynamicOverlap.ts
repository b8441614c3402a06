import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'DynamicOverlap1795599768746';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "max_overlap" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_confidence" double precision NOT NULL DEFAULT '0.8'`);
    // Existing projects keep their fixed overlap: no growth until an admin raises max_overlap.
    await queryRunner.query(`UPDATE "projects" SET "max_overlap" = "overlap"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_confidence"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "max_overlap"`);
  }
}
