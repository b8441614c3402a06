import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChainStateRepository } from './chain-state.repository.js';
import { CHAIN_PORT, type ChainPort } from './chain.port.js';

/**
 * How far each follower of the chain's logs has got on this chain. A follower moves its cursor in the
 * transaction that records what the blocks held, so after a crash it resumes exactly where it stopped.
 */
@Injectable()
export class ChainStateService {
  constructor(
    private readonly state: ChainStateRepository,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
  ) {}

  /** The last block the follower `name` has recorded; undefined before its first pass. */
  async cursor(name: string): Promise<number | undefined> {
    const value = await this.state.get(this.chain.info.chainId, `cursor:${name}`);
    return value === undefined ? undefined : Number(value);
  }

  /** What was recorded under `key` for this chain (e.g. the addresses of a deployment); undefined when nothing was. */
  recorded(key: string): Promise<string | undefined> {
    return this.state.get(this.chain.info.chainId, key);
  }

  /** Records `value` under `key` for this chain, replacing what was there. */
  async record(key: string, value: string): Promise<void> {
    await this.state.set(this.chain.info.chainId, key, value);
  }

  async moveCursor(manager: EntityManager, name: string, block: number): Promise<void> {
    await this.state.set(this.chain.info.chainId, `cursor:${name}`, String(block), manager);
  }
}
