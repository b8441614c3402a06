import { Injectable, Optional } from '@nestjs/common';
import { getAddress } from 'ethers';
import { isRole, type Caller } from '../access/access.js';
import { CacheBus } from '../cache/cache-bus.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { UsersRepository } from './users.repository.js';

/**
 * How long a user's roles are trusted without reading them again. Changes made through this process
 * apply at once (`forget`), and other processes are told through the CacheBus; a notification missed
 * (the listening connection was down) is bounded by this time.
 */
const CALLER_CACHE_MS = 2_000;
const MAX_CACHED_CALLERS = 100_000;

/**
 * Who a session's user is now: id, address and roles as the users table says, not as they were when
 * the token was issued. A removed user is no caller at all.
 */
@Injectable()
export class CallersService {
  private readonly callers = new TtlCache<number, Caller | undefined>({ maxEntries: MAX_CACHED_CALLERS, ttlMs: CALLER_CACHE_MS });
  private readonly readCaller = async (id: number): Promise<Caller | undefined> => {
    const row = await this.users.findAccess(id);
    return row && { id: row.id, address: getAddress(row.address), roles: row.roles.filter(isRole) };
  };

  constructor(
    private readonly users: UsersRepository,
    @Optional() bus?: CacheBus,
  ) {
    bus?.attach('callers', this.callers);
  }

  current(id: number): Promise<Caller | undefined> {
    return this.callers.getOrLoad(id, this.readCaller);
  }

  /** The user's roles changed or the user is gone: the next request reads them again. */
  forget(id: number): void {
    this.callers.delete(id);
  }
}
