import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'Reviews1795601027694';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reviews" ("id" SERIAL NOT NULL, "item_id" integer NOT NULL, "project_id" integer NOT NULL, "reviewer_id" integer NOT NULL, "outcome" character varying(20) NOT NULL, "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reviews_outcome_check" CHECK ("outcome" IN ('accepted', 'rejected', 'fixed_and_accepted')), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reviews_item_idx" ON "reviews"  ("item_id", "id") `);
    await queryRunner.query(`ALTER TABLE "reviews" ADD CONSTRAINT "FK_7eb6c6de6822c913ea9f772621e" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reviews" ADD CONSTRAINT "FK_92e950a2513a79bb3fab273c92e" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "FK_92e950a2513a79bb3fab273c92e"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "FK_7eb6c6de6822c913ea9f772621e"`);
    await queryRunner.query(`DROP INDEX "public"."reviews_item_idx"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
  }
}
