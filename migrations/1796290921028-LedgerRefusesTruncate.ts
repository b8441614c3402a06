import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (TypeORM has no triggers): the row trigger that keeps ledger entries immutable does
 * not fire on TRUNCATE, which would wipe the ledger in one statement; a statement trigger refuses it too.
 */
export class Migration implements MigrationInterface {
  name = 'LedgerRefusesTruncate1796290921028';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_immutable()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_entries_no_truncate ON "ledger_entries"`);
  }
}
