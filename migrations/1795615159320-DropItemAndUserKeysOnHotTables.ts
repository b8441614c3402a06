import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'DropItemAndUserKeysOnHotTables1795615159320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_77090b0f4b6ecf518626d429181"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_7e45ee9b29dda5e215870b4ab8c"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_33954120b7b042b3d47df16990d"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_8400523154c964120e2ffbbb3fe"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_8400523154c964120e2ffbbb3fe" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_33954120b7b042b3d47df16990d" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_7e45ee9b29dda5e215870b4ab8c" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_77090b0f4b6ecf518626d429181" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
