import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { errorMessage } from '../observability/domain/error-message.js';
import { TimeoutError, withTimeout } from '../observability/domain/timeout.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';
import type { DependencyCheckDto, HealthDto, ReadinessChecksDto, ReadinessDto } from './health.dto.js';
import { HealthRepository } from './health.repository.js';

/** The empty file as `ipfs add` stores it: any CID will do to make storage answer a lookup; this one costs nothing. */
const PROBE_CID = 'QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH';

/** A readiness answer is reused for this long, so that a flood of probes stays one check per dependency per second. */
const READINESS_REUSE_MS = 1000;

/** Whether the platform can serve, and what it runs on. */
@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');
  private readiness: { at: number; answer: Promise<ReadinessDto> } | undefined;
  private stopping = false;

  constructor(
    private readonly health: HealthRepository,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: the process serves and its database answers. Cheap: no call to the chain or storage. */
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

  /**
   * Readiness: each dependency answering now, checked side by side, each given READY_TIMEOUT_MS.
   * Concurrent callers share one check.
   */
  async ready(): Promise<ReadinessDto> {
    const now = Date.now();
    if (!this.readiness || now - this.readiness.at >= READINESS_REUSE_MS) this.readiness = { at: now, answer: this.checkDependencies() };
    const answer = await this.readiness.answer;
    return this.stopping ? { ...answer, status: 'stopping' } : answer;
  }

  /** From now on readiness says "stopping", whatever the dependencies say: the process is going away. */
  stop(): void {
    this.stopping = true;
  }

  private async checkDependencies(): Promise<ReadinessDto> {
    const [database, queue, chain, storage] = await Promise.all([
      this.probe('database', () => this.health.ping()),
      this.probe('queue', () => this.queue.ping()),
      this.probe('chain', () => this.chain.blockNumber()),
      this.probe('storage', () => this.storage.has(PROBE_CID)),
    ]);
    const checks: ReadinessChecksDto = { database, queue, chain, storage };
    const ready = [database, queue, chain, storage].every((check) => check.status === 'up');
    return { status: ready ? 'ready' : 'not-ready', checks };
  }

  private async probe(name: keyof ReadinessChecksDto, check: () => Promise<unknown>): Promise<DependencyCheckDto> {
    const started = performance.now();
    const latency = (): number => Math.round((performance.now() - started) * 10) / 10;
    try {
      await withTimeout(check(), this.config.observability.readyTimeoutMs);
      return { status: 'up', latencyMs: latency() };
    } catch (error) {
      const latencyMs = latency();
      const reason = error instanceof TimeoutError ? 'timeout' : 'error';
      this.logger.warn(`not ready: ${name} ${reason === 'timeout' ? 'did not answer' : 'failed'}: ${errorMessage(error)}`);
      return { status: 'down', latencyMs, reason };
    }
  }
}
