import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { getAddress } from 'ethers';
import type { Caller, Role } from '../access/access.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { CallersService } from './callers.service.js';
import { mapUser, type USER_FILTERS, type UserDto } from './user.dto.js';
import { UserException } from './users.exception.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly callers: CallersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ADMIN_ADDRESSES as it is now: an address taken out of it is no admin from this boot on. */
  async onModuleInit(): Promise<void> {
    const { revoked, granted } = await this.users.syncConfiguredRole('admin', this.config.adminAddresses);
    for (const address of revoked) this.logger.warn(`${getAddress(address)} is no longer in ADMIN_ADDRESSES: admin role revoked`);
    if (granted.length > 0) this.logger.log(`ADMIN_ADDRESSES: admin role given to ${granted.length} existing user(s)`);
  }

  async get(id: number): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException(ErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    return mapUser(user);
  }

  /** The user, or null when there is none (the caller decides what a missing user means). */
  async find(id: number): Promise<UserDto | null> {
    const user = await this.users.findById(id);
    return user && mapUser(user);
  }

  /**
   * A wallet signs in: its user, created on the first sign-in, with `configuredRoles` added and the
   * time recorded. Their roles are read again on their next request.
   */
  async signIn(address: string, configuredRoles: readonly Role[]): Promise<UserDto> {
    const user = await this.users.signIn(address, configuredRoles);
    this.callers.forget(user.id);
    return mapUser(user);
  }

  async list(query: ListQuery<(typeof USER_FILTERS)[number]>): Promise<ListPage<UserDto>> {
    const page = await this.users.list(query);
    return { rows: page.rows.map(mapUser), total: page.total };
  }

  async create(address: string, roles: Role[] | undefined): Promise<UserDto> {
    const chosen = roles ?? ['annotator'];
    const all = this.withConfiguredRoles(address, chosen);
    const configured = all.filter((role) => !chosen.includes(role));
    const created = await this.users.create(getAddress(address.toLowerCase()), all, configured);
    if (!created) throw new UserException(ErrorCode.USER_ADDRESS_TAKEN, `A user with address ${address} exists`, 'address');
    return mapUser(created);
  }

  async updateRoles(caller: Caller, id: number, roles: Role[]): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException(ErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    const next = this.withConfiguredRoles(user.address, roles);
    if (id === caller.id && !next.includes('admin')) {
      throw new UserException(ErrorCode.FORBIDDEN, 'You cannot remove your own admin role', 'roles');
    }
    const updated = await this.users.updateRoles(id, next);
    this.callers.forget(id);
    return mapUser(updated!);
  }

  /** The user takes a role that asks for no one's approval (a buyer on the market); held at once everywhere. */
  async addRole(id: number, role: Role): Promise<UserDto> {
    const updated = await this.users.addRole(id, role);
    if (!updated) throw new UserException(ErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    this.callers.forget(id);
    return mapUser(updated);
  }

  async delete(caller: Caller, id: number): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw new UserException(ErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    if (id === caller.id) throw new UserException(ErrorCode.FORBIDDEN, 'You cannot delete yourself');
    if (await this.users.hasWork(id)) {
      throw new UserException(ErrorCode.USER_HAS_WORK, 'This user has labeled items; remove their roles instead of deleting them');
    }
    await this.users.delete(id);
    this.callers.forget(id);
    return mapUser(user);
  }

  /** Addresses in ADMIN_ADDRESSES keep the admin role whatever the console says. */
  private withConfiguredRoles(address: string, roles: readonly Role[]): Role[] {
    const set = new Set<Role>(roles);
    if (this.config.adminAddresses.includes(getAddress(address.toLowerCase()))) set.add('admin');
    return [...set].sort();
  }
}
