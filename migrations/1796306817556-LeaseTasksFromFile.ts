import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Migration as LeaseOutcomeAndNewAnnotatorCap } from './1796291165400-LeaseOutcomeAndNewAnnotatorCap.js';
import { readRepositoryFile } from './repository-files.js';

const LEASE_TASKS = 'backend/src/tasks/lease-tasks.sql';

/**
 * Written by hand (TypeORM has no functions): `lease_tasks` from its own file beside the repository
 * that calls it, behaving as in LeaseOutcomeAndNewAnnotatorCap, with the gold and regular pools in one
 * statement and `p_floors` named for what it is, `p_scan_from`.
 *
 * The file is read when this runs. A later change to it needs a migration that installs it again and
 * records its digest in `installs`: test/medium/lease-tasks-sql.test.ts fails until there is one.
 */
export class Migration implements MigrationInterface {
  name = 'LeaseTasksFromFile1796306817556';

  /** Repository files this migration installs, with the digest (`textDigest`) of the text it was written for. */
  static readonly installs: Readonly<Record<string, string>> = {
    [LEASE_TASKS]: '9c8786a405337486ea306ed8d21862eaa993b9d1c3c46b194ae27474b69c3808',
  };

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lease_tasks(integer[], integer[], boolean[], integer[], integer[], integer, integer)`);
    await queryRunner.query(readRepositoryFile(LEASE_TASKS));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The previous definition: its own down() drops this one and restores the one before it, which its up() then replaces.
    const previous = new LeaseOutcomeAndNewAnnotatorCap();
    await previous.down(queryRunner);
    await previous.up(queryRunner);
  }
}
