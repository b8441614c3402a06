import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'ServerTimePerLabel1796291165333';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotations" ADD "server_time_ms" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotations" DROP COLUMN "server_time_ms"`);
  }
}
