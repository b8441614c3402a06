import type { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNATURE = '(integer[], integer[], boolean[], integer[], integer[], integer, integer)';

/**
 * Written by hand (TypeORM has no functions): `lease_tasks` becomes `lease_assignments`, one word for
 * a leased item (an assignment) across the code. Only the name changes, so the function stays the
 * text of LeaseTasksFromFile, now `backend/src/assignments/lease-assignments.sql` (whose body is that
 * text's; only its header comments and the name in its CREATE line differ).
 */
export class Migration implements MigrationInterface {
  name = 'RenameLeaseTasksToLeaseAssignments1796321358049';

  /** Repository files whose function the database holds after this migration, with the digest (`textDigest`) of their text. */
  static readonly installs: Readonly<Record<string, string>> = {
    'backend/src/assignments/lease-assignments.sql': '2cb92ce6f8cdedb715dfb7211dcd53be3d5ea567eda23e19dbe84e9a750bf9bf',
  };

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION lease_tasks${SIGNATURE} RENAME TO lease_assignments`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION lease_assignments${SIGNATURE} RENAME TO lease_tasks`);
  }
}
