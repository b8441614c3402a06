import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'DatasetPublications1796324677868';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dataset_publications" ("version_id" integer NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'publishing', "step" character varying(20) NOT NULL, "price" character varying(80), "free" boolean NOT NULL DEFAULT false, "did" character varying(80), "nft_address" character varying(42), "datatoken_address" character varying(42), "exchange_address" character varying(42), "exchange_id" character varying(66), "dispenser_address" character varying(42), "mint_tx" character varying(66), "metadata_tx" character varying(66), "ddo" jsonb, "error" text, "requested_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "dataset_publications_sale_check" CHECK (("price" IS NULL) = "free"), CONSTRAINT "dataset_publications_status_check" CHECK ("status" IN ('publishing', 'published', 'failed')), CONSTRAINT "PK_0ac505207cff5f986f30d142251" PRIMARY KEY ("version_id"))`);
    await queryRunner.query(`ALTER TABLE "dataset_publications" ADD CONSTRAINT "FK_0ac505207cff5f986f30d142251" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset_publications" DROP CONSTRAINT "FK_0ac505207cff5f986f30d142251"`);
    await queryRunner.query(`DROP TABLE "dataset_publications"`);
  }
}
