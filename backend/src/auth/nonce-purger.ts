import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, runsBackgroundWork, type AppConfig } from '../config/app-config.js';
import { AuthNonceRepository } from './auth-nonce.repository.js';

/** Every NONCE_PURGE_SECONDS, deletes the sign-in nonces that can no longer be used, so the table stays small. */
@Injectable()
export class NoncePurger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NoncePurger.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly nonces: AuthNonceRepository,
  ) {}

  onModuleInit(): void {
    if (!runsBackgroundWork(this.config)) return;
    this.timer = setInterval(() => void this.purge(), this.config.noncePurgeSeconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async purge(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const purged = await this.nonces.purge();
      if (purged > 0) this.logger.debug(`purged ${purged} expired or used sign-in nonces`);
    } catch (error) {
      this.logger.warn(`nonce purge failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
