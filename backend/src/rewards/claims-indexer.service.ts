import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ChainStateService } from '../chain/chain-state.service.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { EpochsRepository } from './epochs.repository.js';
import { PAYOUT_CONTRACT, type PayoutContractPort } from './payout-contract.port.js';

const CURSOR = 'claims';
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
    private readonly state: ChainStateService,
    private readonly epochs: EpochsRepository,
    @Inject(PAYOUT_CONTRACT) private readonly contract: PayoutContractPort,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsBackgroundWork(this.config)) return;
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
    const head = (await this.chain.blockNumber()) - this.config.chain.confirmations;
    let from = ((await this.state.cursor(CURSOR)) ?? this.chain.info.fromBlock - 1) + 1;
    while (from <= head) {
      const to = Math.min(head, from + SPAN - 1);
      const claims = await this.contract.claimedBetween(from, to);
      await this.epochs.transaction(async (manager) => {
        for (const claim of claims) {
          await this.epochs.recordPayments(
            manager,
            claim.epochId,
            [{ leafIndex: claim.leafIndex, account: claim.account, amount: claim.amount.toString() }],
            claim.txHash,
            claim.blockNumber,
          );
        }
        await this.state.moveCursor(manager, CURSOR, to);
      });
      if (claims.length > 0) this.logger.log(`${claims.length} claims indexed (blocks ${from}-${to})`);
      from = to + 1;
    }
  }
}
