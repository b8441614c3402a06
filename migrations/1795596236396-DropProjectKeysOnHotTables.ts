import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'DropProjectKeysOnHotTables1795596236396';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_18b8aab3ad95fc3377bb9986882"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_0cd2e674fd186095e6ae9f16702"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_0cd2e674fd186095e6ae9f16702" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_18b8aab3ad95fc3377bb9986882" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
