import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { errorMessage } from './domain/error-message.js';
import { withTimeout } from './domain/timeout.js';
import { collectProcessMetrics, processRegistry } from './metrics.js';
import { MetricsRepository, type OutboxLane } from './metrics.repository.js';

/** Both lanes are always reported, at 0 when nothing waits in them (later rows of a read replace these). */
const EMPTY_LANES: readonly OutboxLane[] = [
  { lane: 'payout', pending: 0, oldestSeconds: 0 },
  { lane: 'relay', pending: 0, oldestSeconds: 0 },
];

/**
 * /metrics: this process's counters and histograms (metrics.ts), and gauges of the shared state read
 * at scrape time (lease pool, queue depths, outbox backlog, indexer lag). Every process reports the
 * same shared gauges: take their max, and sum the counters. A source that does not answer within
 * READY_TIMEOUT_MS leaves its gauges out of that scrape rather than failing the whole of it.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('Metrics');
  private readonly registry = new Registry();
  private outboxRead: Promise<OutboxLane[] | undefined> | undefined;

  constructor(
    private readonly repository: MetricsRepository,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectProcessMetrics();
    const registers = [this.registry];
    const read = this.read.bind(this);
    new Gauge({
      name: 'tessera_lease_pool_size',
      help: 'Assignments leased to annotators: live, or expired and not yet returned to the pool by the sweeper',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        this.reset();
        const pool = await read('lease pool', () => repository.leasePool());
        if (!pool) return;
        this.set({ state: 'live' }, pool.live);
        this.set({ state: 'expired' }, pool.expired);
      },
    });
    new Gauge({
      name: 'tessera_queue_depth',
      help: 'Background jobs per queue: waiting (created or due for a retry) and active',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        this.reset();
        for (const depth of (await read('queue depths', () => queue.depths())) ?? []) {
          this.set({ queue: depth.queue, state: 'waiting' }, depth.waiting);
          this.set({ queue: depth.queue, state: 'active' }, depth.active);
        }
      },
    });
    // One read of the outbox per scrape for its two gauges (prom-client collects them concurrently).
    const outbox = (): Promise<OutboxLane[] | undefined> =>
      (this.outboxRead ??= read('outbox', () => repository.outbox(chain.info.chainId)).then((lanes) =>
        lanes ? [...EMPTY_LANES, ...lanes] : undefined,
      ));
    new Gauge({
      name: 'tessera_outbox_backlog',
      help: 'Chain transactions in the outbox not yet confirmed or failed (intent or signed), per lane (payout, relay)',
      labelNames: ['lane'] as const,
      registers,
      async collect() {
        this.reset();
        for (const lane of (await outbox()) ?? []) this.set({ lane: lane.lane }, lane.pending);
      },
    });
    new Gauge({
      name: 'tessera_outbox_oldest_pending_seconds',
      help: 'Age of the oldest chain transaction in the outbox not yet confirmed or failed, per lane (0: none pending)',
      labelNames: ['lane'] as const,
      registers,
      async collect() {
        this.reset();
        for (const lane of (await outbox()) ?? []) this.set({ lane: lane.lane }, lane.oldestSeconds);
      },
    });
    new Gauge({
      name: 'tessera_indexer_lag_blocks',
      help: "Blocks between the chain's head and the last block each log follower recorded (ocean: the marketplace indexer; claims), confirmations it waits for included",
      labelNames: ['follower'] as const,
      registers,
      async collect() {
        this.reset();
        const [head, cursors] = await Promise.all([
          read('chain head', () => chain.blockNumber()),
          read('indexer cursors', () => repository.cursors(chain.info.chainId)),
        ]);
        if (head === undefined || !cursors) return;
        for (const cursor of cursors) this.set({ follower: cursor.follower }, Math.max(0, head - cursor.block));
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text Prometheus scrapes. */
  async scrape(): Promise<string> {
    this.outboxRead = undefined;
    return Registry.merge([processRegistry, this.registry]).metrics();
  }

  /** A source's figures, or undefined (logged) when it fails or does not answer in time. */
  private async read<T>(what: string, source: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(source(), this.config.observability.readyTimeoutMs);
    } catch (error) {
      this.logger.warn(`metrics: ${what} not read: ${errorMessage(error)}`);
      return undefined;
    }
  }
}
