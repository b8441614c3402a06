import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getAddress } from 'ethers';
import { DataSource } from 'typeorm';
import { ChainStateRepository } from '../chain/chain-state.repository.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EpochsRepository } from './epochs.repository.js';
import { distributorAbi } from './epochs.service.js';

const CURSOR = 'cursor:claims';
const TICK_MS = 2_000;
/** Blocks per log query: providers cap ranges. */
const SPAN = 2_000;

/**
 * Follows the distributor's `Claimed` events into the claims table, whoever sent the claim (the
 * annotator's wallet or the platform's relay). Waits `CHAIN_CONFIRMATIONS` blocks; the cursor moves
 * in the same transaction as the claims it covers, so a crash resumes exactly where it stopped.
 */
@Injectable()
export class ClaimsIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClaimsIndexer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly state: ChainStateRepository,
    private readonly epochs: EpochsRepository,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sync(), TICK_MS);
    this.timer.unref();
    void this.sync();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Indexes up to the confirmed head; concurrent calls share one pass. */
  sync(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.logger.warn(`claims indexer: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    const { chainId, payoutDistributor, fromBlock } = this.chain.info;
    const head = (await this.chain.blockNumber()) - this.config.chain.confirmations;
    let from = Number((await this.state.get(chainId, CURSOR)) ?? fromBlock - 1) + 1;
    const topic = distributorAbi.getEvent('Claimed')!.topicHash;
    while (from <= head) {
      const to = Math.min(head, from + SPAN - 1);
      const logs = await this.chain.logs({ address: payoutDistributor, topics: [topic], fromBlock: from, toBlock: to });
      await this.db.transaction(async (manager) => {
        for (const log of logs) {
          const parsed = distributorAbi.parseLog({ topics: [...log.topics], data: log.data })!;
          const [epochId, index, account, amount] = parsed.args as unknown as [bigint, bigint, string, bigint];
          await this.epochs.recordPayments(
            manager,
            Number(epochId),
            [{ leafIndex: Number(index), account: getAddress(account), amount: amount.toString() }],
            log.transactionHash,
            log.blockNumber,
          );
        }
        await this.state.set(chainId, CURSOR, String(to), manager);
      });
      if (logs.length > 0) this.logger.log(`${logs.length} claims indexed (blocks ${from}-${to})`);
      from = to + 1;
    }
  }
}
