import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'SyntheticRows1796323870829';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dataset_synthetic_rows" ("version_id" integer NOT NULL, "position" integer NOT NULL, "record" jsonb NOT NULL, CONSTRAINT "PK_e76cbd9684bb842a496dc6b46ad" PRIMARY KEY ("version_id", "position"))`);
    await queryRunner.query(`ALTER TABLE "dataset_synthetic_rows" ADD CONSTRAINT "FK_8a8dcf2ec7aeccb8be9b51bd880" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset_synthetic_rows" DROP CONSTRAINT "FK_8a8dcf2ec7aeccb8be9b51bd880"`);
    await queryRunner.query(`DROP TABLE "dataset_synthetic_rows"`);
  }
}
