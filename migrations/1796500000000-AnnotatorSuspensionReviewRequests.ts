import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'AnnotatorSuspensionReviewRequests1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "suspensions" ADD "review_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "suspensions" ADD "review_message" character varying(1000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "suspensions" DROP COLUMN "review_message"`);
    await queryRunner.query(`ALTER TABLE "suspensions" DROP COLUMN "review_requested_at"`);
  }
}
