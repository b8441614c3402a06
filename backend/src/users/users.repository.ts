import { sqlRows } from '../database/sql.js';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { idList } from '../http/list-query.js';
import type { USER_FILTERS, USER_SORTS } from './user.dto.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByAddress(address: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ address: address.toLowerCase() });
  }

  /**
   * Creates the user on first sign-in; adds `configuredRoles` (ADMIN_ADDRESSES) without dropping any,
   * recording as configured only the ones the user did not hold already.
   */
  async signIn(address: string, configuredRoles: readonly string[]): Promise<UserEntity> {
    const rows: UserEntity[] = await sqlRows(
      this.db,
      `INSERT INTO users (address, roles, configured_roles, last_sign_in_at)
       VALUES ($1, ARRAY['annotator']::text[] || $2::text[], $2::text[], now())
       ON CONFLICT (address) DO UPDATE
         SET last_sign_in_at = now(),
             roles = ARRAY(SELECT DISTINCT unnest(users.roles || $2::text[]) ORDER BY 1),
             configured_roles = ARRAY(
               SELECT DISTINCT unnest(users.configured_roles || ARRAY(SELECT unnest($2::text[]) EXCEPT SELECT unnest(users.roles)))
               ORDER BY 1)
       RETURNING id`,
      [address.toLowerCase(), configuredRoles],
    );
    return (await this.findById(rows[0]!.id))!;
  }

  /** What the access checks need of a user, or undefined when there is no such user (any more). */
  async findAccess(id: number): Promise<{ id: number; address: string; roles: string[] } | undefined> {
    const rows = await sqlRows<{ id: number; address: string; roles: string[] }>(
      this.db,
      'SELECT id, address, roles FROM users WHERE id = $1',
      [id],
      'users.access',
    );
    return rows[0];
  }

  /**
   * Makes `role` match the configuration: users it was configured for and who no longer are listed
   * lose it; listed users who lack it get it (as configured). Roles granted in the console stay.
   */
  async syncConfiguredRole(role: string, addresses: readonly string[]): Promise<{ revoked: string[]; granted: string[] }> {
    const listed = addresses.map((address) => address.toLowerCase());
    return this.db.transaction(async (manager) => {
      const revoked = await sqlRows<{ address: string }>(
        manager,
        `UPDATE users SET roles = array_remove(roles, $1), configured_roles = array_remove(configured_roles, $1)
          WHERE $1 = ANY(configured_roles) AND NOT (address = ANY($2::text[]))
          RETURNING address`,
        [role, listed],
      );
      const granted = await sqlRows<{ address: string }>(
        manager,
        `UPDATE users SET roles = ARRAY(SELECT DISTINCT unnest(roles || ARRAY[$1]::text[]) ORDER BY 1),
                          configured_roles = ARRAY(SELECT DISTINCT unnest(configured_roles || ARRAY[$1]::text[]) ORDER BY 1)
          WHERE address = ANY($2::text[]) AND NOT ($1 = ANY(roles))
          RETURNING address`,
        [role, listed],
      );
      return { revoked: revoked.map((r) => r.address), granted: granted.map((r) => r.address) };
    });
  }

  async list(query: ListQuery<(typeof USER_FILTERS)[number]>): Promise<ListPage<UserEntity>> {
    const qb = this.repo.createQueryBuilder('u');
    const ids = idList(query.filter.id, 'id');
    if (ids) qb.andWhere('u.id = ANY(:ids)', { ids });
    if (typeof query.filter.q === 'string' && query.filter.q !== '') {
      qb.andWhere('u.address LIKE :q', { q: `%${query.filter.q.toLowerCase().replace(/[%_\\]/g, '')}%` });
    }
    if (typeof query.filter.role === 'string') qb.andWhere(':role = ANY(u.roles)', { role: query.filter.role });
    const sortColumn = { id: 'u.id', address: 'u.address', createdAt: 'u.createdAt', lastSignInAt: 'u.lastSignInAt' }[
      query.sortField as (typeof USER_SORTS)[number]
    ];
    qb.orderBy(sortColumn, query.sortOrder).addOrderBy('u.id', 'ASC').skip(query.offset).take(query.limit);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  /** `configuredRoles`: the part of `roles` only the configuration grants. */
  async create(address: string, roles: readonly string[], configuredRoles: readonly string[]): Promise<UserEntity | null> {
    const rows: Array<{ id: number }> = await sqlRows(
      this.db,
      `INSERT INTO users (address, roles, configured_roles) VALUES ($1, $2, $3) ON CONFLICT (address) DO NOTHING RETURNING id`,
      [address.toLowerCase(), roles, configuredRoles],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  /** Sets the roles an admin chose; a role taken away stops being configured, one added is the console's. */
  async updateRoles(id: number, roles: readonly string[]): Promise<UserEntity | null> {
    await sqlRows(
      this.db,
      `UPDATE users SET roles = $2::text[],
                        configured_roles = ARRAY(SELECT unnest(configured_roles) INTERSECT SELECT unnest($2::text[]) ORDER BY 1)
        WHERE id = $1`,
      [id, roles],
    );
    return this.findById(id);
  }

  /** Adds a role the user does not have yet (roles stay sorted); the user, or null when there is none. */
  async addRole(id: number, role: string): Promise<UserEntity | null> {
    await sqlRows(
      this.db,
      `UPDATE users SET roles = ARRAY(SELECT DISTINCT unnest(roles || ARRAY[$2::text]) ORDER BY 1)
        WHERE id = $1 AND NOT $2 = ANY(roles)`,
      [id, role],
    );
    return this.findById(id);
  }

  async hasWork(id: number): Promise<boolean> {
    const rows: unknown[] = await sqlRows(this.db, 'SELECT 1 FROM assignments WHERE annotator_id = $1 LIMIT 1', [id]);
    return rows.length > 0;
  }

  /** The user with any assignments and annotations (the hot tables have no foreign keys to cascade). */
  async delete(id: number): Promise<void> {
    await this.repo.manager.transaction(async (manager) => {
      await sqlRows(manager, 'DELETE FROM annotations WHERE annotator_id = $1', [id]);
      await sqlRows(manager, 'DELETE FROM assignments WHERE annotator_id = $1', [id]);
      await manager.getRepository(UserEntity).delete({ id });
    });
  }

  findMany(ids: number[]): Promise<UserEntity[]> {
    return this.repo.findBy({ id: In(ids) });
  }
}
