import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'DatasetVersions1796322026875';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dataset_versions" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "kind" character varying(20) NOT NULL DEFAULT 'curated', "source_version_id" integer, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "license" character varying(100) NOT NULL, "intended_use" text, "filters" jsonb NOT NULL, "splits" jsonb NOT NULL, "seed" bigint NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'building', "step" character varying(20) NOT NULL DEFAULT 'select', "progress_done" integer NOT NULL DEFAULT '0', "progress_total" integer NOT NULL DEFAULT '0', "error" text, "item_count" integer, "schema" jsonb, "datasheet" jsonb, "provenance" jsonb, "report" jsonb, "wrapped_key" bytea NOT NULL, "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "dataset_versions_status_check" CHECK ("status" IN ('building', 'ready', 'failed')), CONSTRAINT "dataset_versions_kind_check" CHECK ("kind" IN ('curated', 'synthetic')), CONSTRAINT "PK_2335c164f3df47dabfe7d0fc6e5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "dataset_versions_project_idx" ON "dataset_versions"  ("project_id", "id") `);
    await queryRunner.query(`CREATE TABLE "dataset_files" ("version_id" integer NOT NULL, "name" character varying(100) NOT NULL, "position" integer NOT NULL, "format" character varying(30) NOT NULL, "media_type" character varying(100) NOT NULL, "bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "cid" character varying(100) NOT NULL, "encrypted_bytes" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e09bc2818d6b8b76fe8bc9b199f" PRIMARY KEY ("version_id", "name"))`);
    await queryRunner.query(`CREATE TABLE "dataset_version_items" ("version_id" integer NOT NULL, "item_id" integer NOT NULL, "record_id" character varying(210) NOT NULL, "split" character varying(10) NOT NULL, "answer" jsonb NOT NULL, "confidence" double precision NOT NULL, "source" character varying(10) NOT NULL, "method" character varying(20) NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "annotation_ids" integer array NOT NULL, CONSTRAINT "dataset_version_items_split_check" CHECK ("split" IN ('train', 'validation', 'test')), CONSTRAINT "dataset_version_items_source_check" CHECK ("source" IN ('inferred', 'gold', 'review')), CONSTRAINT "PK_bc3a363c1fcc9a46696333eb96e" PRIMARY KEY ("version_id", "item_id"))`);
    await queryRunner.query(`ALTER TABLE "dataset_versions" ADD CONSTRAINT "FK_fd94414655db4c2c4ba226fd95c" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dataset_versions" ADD CONSTRAINT "FK_215bd839c39c9603398ff1de523" FOREIGN KEY ("source_version_id") REFERENCES "dataset_versions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dataset_files" ADD CONSTRAINT "FK_7771003f3f88c1d5d13f73c1a64" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dataset_version_items" ADD CONSTRAINT "FK_19b285ce705e19224a2c08f43f7" FOREIGN KEY ("version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dataset_version_items" DROP CONSTRAINT "FK_19b285ce705e19224a2c08f43f7"`);
    await queryRunner.query(`ALTER TABLE "dataset_files" DROP CONSTRAINT "FK_7771003f3f88c1d5d13f73c1a64"`);
    await queryRunner.query(`ALTER TABLE "dataset_versions" DROP CONSTRAINT "FK_215bd839c39c9603398ff1de523"`);
    await queryRunner.query(`ALTER TABLE "dataset_versions" DROP CONSTRAINT "FK_fd94414655db4c2c4ba226fd95c"`);
    await queryRunner.query(`DROP TABLE "dataset_version_items"`);
    await queryRunner.query(`DROP TABLE "dataset_files"`);
    await queryRunner.query(`DROP INDEX "public"."dataset_versions_project_idx"`);
    await queryRunner.query(`DROP TABLE "dataset_versions"`);
  }
}
