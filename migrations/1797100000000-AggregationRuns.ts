import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'AggregationRuns1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "aggregation_runs" ("project_id" integer NOT NULL, "method" character varying(10) NOT NULL, "selection" jsonb, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_341a662623c71574d4cb9772f00" PRIMARY KEY ("project_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "aggregation_runs"`);
  }
}
