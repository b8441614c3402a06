import { Injectable } from '@nestjs/common';
import { getAddress } from 'ethers';
import { isRole, type Caller } from '../access/access.js';
import { UsersRepository } from './users.repository.js';

/**
 * How long a user's roles are trusted without reading them again. Changes made through this process
 * apply at once (`forget`); other instances see them within this time.
 */
const CALLER_CACHE_MS = 2_000;
const MAX_CACHED_CALLERS = 100_000;

/**
 * Who a session's user is now: id, address and roles as the users table says, not as they were when
 * the token was issued. A removed user is no caller at all.
 */
@Injectable()
export class CallersService {
  private readonly cache = new Map<number, { caller: Caller | undefined; at: number }>();
  /** Counts `forget` calls: a read that overlapped one may hold the old roles, so it is not kept. */
  private forgotten = 0;

  constructor(private readonly users: UsersRepository) {}

  async current(id: number): Promise<Caller | undefined> {
    const cached = this.cache.get(id);
    if (cached && Date.now() - cached.at < CALLER_CACHE_MS) return cached.caller;
    const before = this.forgotten;
    const row = await this.users.findAccess(id);
    const caller = row && { id: row.id, address: getAddress(row.address), roles: row.roles.filter(isRole) };
    if (before === this.forgotten) {
      if (this.cache.size >= MAX_CACHED_CALLERS) this.cache.clear();
      this.cache.set(id, { caller, at: Date.now() });
    }
    return caller;
  }

  /** The user's roles changed or the user is gone: the next request reads them again. */
  forget(id: number): void {
    this.forgotten++;
    this.cache.delete(id);
  }
}
