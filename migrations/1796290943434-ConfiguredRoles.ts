import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'ConfiguredRoles1796290943434';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "configured_roles" text array NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "configured_roles"`);
  }
}
