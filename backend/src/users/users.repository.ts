import { sqlRows } from '../database/sql.js';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { idList } from '../http/list-query.js';
import { UserEntity } from './user.entity.js';

export const USER_FILTERS = ['id', 'q', 'role'] as const;
export const USER_SORTS = ['id', 'address', 'createdAt', 'lastSignInAt'] as const;

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

  /** Creates the user on first sign-in; adds `extraRoles` (configured admins) without dropping any. */
  async signIn(address: string, extraRoles: readonly string[]): Promise<UserEntity> {
    const rows: UserEntity[] = await sqlRows(
      this.db,
      `INSERT INTO users (address, roles, last_sign_in_at)
       VALUES ($1, ARRAY['annotator']::text[] || $2::text[], now())
       ON CONFLICT (address) DO UPDATE
         SET last_sign_in_at = now(),
             roles = ARRAY(SELECT DISTINCT unnest(users.roles || $2::text[]) ORDER BY 1)
       RETURNING id`,
      [address.toLowerCase(), extraRoles],
    );
    return (await this.findById(rows[0]!.id))!;
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

  async create(address: string, roles: readonly string[]): Promise<UserEntity | null> {
    const rows: Array<{ id: number }> = await sqlRows(
      this.db,
      `INSERT INTO users (address, roles) VALUES ($1, $2) ON CONFLICT (address) DO NOTHING RETURNING id`,
      [address.toLowerCase(), roles],
    );
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  async updateRoles(id: number, roles: readonly string[]): Promise<UserEntity | null> {
    await this.repo.update({ id }, { roles: [...roles] });
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
