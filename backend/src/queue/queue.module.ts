import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ObservedQueue } from '../observability/observed-queue.js';
import { PgBossQueue } from './pg-boss.queue.js';
import { QUEUE_PORT, type QueuePort } from './queue.port.js';

class QueueLifecycle implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_PORT) private readonly queue: QueuePort) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Provides QUEUE_PORT: pg-boss on the same database as everything else. */
@Global()
@Module({})
export class QueueModule {
  /** `runsJobs` false: this process only sends jobs (an API process); workers run them. */
  static forRoot(databaseUrl: string, jobTimeoutSeconds: number, runsJobs = true): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        {
          provide: QUEUE_PORT,
          useFactory: async () => new ObservedQueue(await PgBossQueue.start(databaseUrl, jobTimeoutSeconds, runsJobs)),
        },
        QueueLifecycle,
      ],
      exports: [QUEUE_PORT],
    };
  }
}
