import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Migration as LeaseOutcomeAndNewAnnotatorCap } from './1796291165400-LeaseOutcomeAndNewAnnotatorCap.js';
import { readRepositoryFile } from './repository-files.js';

/** Where the file lived when this was written (the living file may have moved on since). */
const LEASE_TASKS = 'backend/src/tasks/lease-tasks.sql';
/** The text this migration installs, frozen beside it: the file as it was then. */
const SOURCE = 'migrations/1796306817556-LeaseTasksFromFile.sql';
const SOURCE_DIGEST = '9c8786a405337486ea306ed8d21862eaa993b9d1c3c46b194ae27474b69c3808';

/**
 * Written by hand (TypeORM has no functions): `lease_tasks` from its own file beside the repository
 * that calls it, behaving as in LeaseOutcomeAndNewAnnotatorCap, with the gold and regular pools in one
 * statement and `p_floors` named for what it is, `p_scan_from`.
 *
 * It first read the living file when it ran, so a fresh database got whatever the file said that day;
 * now it reads the frozen copy of the text it was written for (SOURCE, checked against its digest), so
 * it installs the same function on every database, forever.
 */
export class Migration implements MigrationInterface {
  name = 'LeaseTasksFromFile1796306817556';

  /** Repository files whose function this migration installs, with the digest (`textDigest`) of their text then. */
  static readonly installs: Readonly<Record<string, string>> = { [LEASE_TASKS]: SOURCE_DIGEST };

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lease_tasks(integer[], integer[], boolean[], integer[], integer[], integer, integer)`);
    await queryRunner.query(readRepositoryFile(SOURCE, SOURCE_DIGEST));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The previous definition: its own down() drops this one and restores the one before it, which its up() then replaces.
    const previous = new LeaseOutcomeAndNewAnnotatorCap();
    await previous.down(queryRunner);
    await previous.up(queryRunner);
  }
}
