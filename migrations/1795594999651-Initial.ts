import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Migration implements MigrationInterface {
  name = 'Initial1795594999651';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "projects" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(20) NOT NULL, "labels" jsonb NOT NULL, "overlap" integer NOT NULL, "lease_seconds" integer NOT NULL, "reward_per_label" numeric(36,18) NOT NULL, "instructions" text NOT NULL DEFAULT '', "status" character varying(20) NOT NULL DEFAULT 'draft', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "projects_overlap_check" CHECK ("overlap" >= 1), CONSTRAINT "projects_status_check" CHECK ("status" IN ('draft', 'active', 'paused', 'completed')), CONSTRAINT "projects_type_check" CHECK ("type" IN ('classification', 'multilabel', 'spans', 'boxes', 'text')), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "items" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "external_id" character varying(200), "data" jsonb NOT NULL, "media" jsonb, "overlap" integer NOT NULL, "taken" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba5885359424c15ca6b9e79bcf6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "items_open_idx" ON "items"  ("project_id", "id") WHERE taken < overlap`);
    await queryRunner.query(`CREATE UNIQUE INDEX "items_project_external_id_key" ON "items"  ("project_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "address" character varying(42) NOT NULL, "roles" text array NOT NULL DEFAULT '{annotator}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_address_key" ON "users"  ("address") `);
    await queryRunner.query(`CREATE TABLE "assignments" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "item_id" integer NOT NULL, "annotator_id" integer NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'leased', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "draft" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "assignments_status_check" CHECK ("status" IN ('leased', 'submitted', 'skipped', 'expired', 'cancelled')), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "assignments_expiry_idx" ON "assignments"  ("expires_at") WHERE status = 'leased'`);
    await queryRunner.query(`CREATE INDEX "assignments_live_idx" ON "assignments"  ("annotator_id", "project_id") WHERE status = 'leased'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "assignments_item_annotator_key" ON "assignments"  ("item_id", "annotator_id") `);
    await queryRunner.query(`CREATE TABLE "annotations" ("id" SERIAL NOT NULL, "assignment_id" integer NOT NULL, "project_id" integer NOT NULL, "item_id" integer NOT NULL, "annotator_id" integer NOT NULL, "result" jsonb NOT NULL, "lead_time_ms" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_7e45ee9b29dda5e215870b4ab8" UNIQUE ("assignment_id"), CONSTRAINT "PK_d5b59b40ef7ee54b4309c2e89b2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "annotations_annotator_idx" ON "annotations"  ("annotator_id", "id") `);
    await queryRunner.query(`CREATE INDEX "annotations_item_idx" ON "annotations"  ("item_id") `);
    await queryRunner.query(`CREATE INDEX "annotations_project_idx" ON "annotations"  ("project_id", "id") `);
    await queryRunner.query(`CREATE TABLE "auth_nonces" ("nonce" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a7080c443def2e46ba5c4b87f38" PRIMARY KEY ("nonce"))`);
    await queryRunner.query(`CREATE INDEX "auth_nonces_expires_at_idx" ON "auth_nonces"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "items" ADD CONSTRAINT "FK_a32a0c7e63e79456657be47addd" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_18b8aab3ad95fc3377bb9986882" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_77090b0f4b6ecf518626d429181" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_7e45ee9b29dda5e215870b4ab8c" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_0cd2e674fd186095e6ae9f16702" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_33954120b7b042b3d47df16990d" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "annotations" ADD CONSTRAINT "FK_8400523154c964120e2ffbbb3fe" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_8400523154c964120e2ffbbb3fe"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_33954120b7b042b3d47df16990d"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_0cd2e674fd186095e6ae9f16702"`);
    await queryRunner.query(`ALTER TABLE "annotations" DROP CONSTRAINT "FK_7e45ee9b29dda5e215870b4ab8c"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_77090b0f4b6ecf518626d429181"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_18b8aab3ad95fc3377bb9986882"`);
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "FK_a32a0c7e63e79456657be47addd"`);
    await queryRunner.query(`DROP INDEX "public"."auth_nonces_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "auth_nonces"`);
    await queryRunner.query(`DROP INDEX "public"."annotations_project_idx"`);
    await queryRunner.query(`DROP INDEX "public"."annotations_item_idx"`);
    await queryRunner.query(`DROP INDEX "public"."annotations_annotator_idx"`);
    await queryRunner.query(`DROP TABLE "annotations"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_item_annotator_key"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_live_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
    await queryRunner.query(`DROP INDEX "public"."users_address_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."items_project_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."items_open_idx"`);
    await queryRunner.query(`DROP TABLE "items"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
