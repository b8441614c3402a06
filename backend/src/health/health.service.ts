import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import type { HealthDto } from './health.dto.js';
import { HealthRepository } from './health.repository.js';

/** Whether the platform can serve, and what it runs on. */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthDto> {
    const database = (await this.health.databaseAnswers()) ? 'ok' : 'down';
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      databaseMode: this.config.databaseUrl ? 'external' : 'embedded',
      storage: this.storage.kind,
      chainId: this.config.chainId,
    };
  }
}
