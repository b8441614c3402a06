import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { TtlCache } from './ttl-cache.js';

/** The PostgreSQL channel the processes of one Tessera tell each other what to forget on. */
export const CACHE_CHANNEL = 'tessera_cache';
/** Reconnection delays after the listening connection is lost, in milliseconds (the last repeats). */
const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000];
/** pg_notify's payload limit is 8000 bytes; a longer key is sent as "forget everything". */
const MAX_PAYLOAD = 7_900;

interface Message {
  /** The process that made the change (it has applied it already). */
  origin: string;
  cache: string;
  /** The key as JSON, absent for "forget every entry". */
  key?: string;
}

interface Attached {
  forget(key: string | undefined): void;
}

/**
 * Keeps the per-process caches of several Tessera processes on one database in step: a cache
 * attached under a name tells the others of each `delete` and `clear` through PostgreSQL
 * LISTEN/NOTIFY, and forgets what they tell it, so a suspension or a role change made through one
 * process holds in every other one as soon as the notification arrives (milliseconds), not when
 * their entries expire.
 *
 * Notifications are sent after the change is committed (callers invalidate after their write), on
 * a pooled connection; one connection per process listens. A notification can only be missed while
 * that connection is down, so on every (re)connection each attached cache forgets everything.
 */
export class CacheBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CacheBus.name);
  readonly origin = randomUUID();
  private readonly caches = new Map<string, Attached>();
  private readonly sender: pg.Pool;
  private listener: pg.Client | undefined;
  private closed = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private connected: Promise<void> | undefined;
  /** Every notification this process applied, for tests and metrics. */
  received = 0;

  constructor(private readonly databaseUrl: string) {
    this.sender = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 10_000 });
    this.sender.on('error', (error) => this.logger.warn(`cache bus: idle connection lost: ${error.message}`));
  }

  /**
   * Shares `cache`'s invalidations under `name` (one cache per name and process). Keys travel as
   * JSON: number and string keys come back as they were.
   */
  attach<K extends string | number, V>(name: string, cache: TtlCache<K, V>): void {
    if (this.caches.has(name)) throw new Error(`a cache named ${name} is attached already`);
    this.caches.set(name, { forget: (key) => cache.forget(key === undefined ? undefined : (JSON.parse(key) as K)) });
    cache.onInvalidate = (key) => this.publish(name, key === undefined ? undefined : JSON.stringify(key));
  }

  onModuleInit(): Promise<void> {
    return this.connect();
  }

  /** Resolves once this process listens (at start, and again after each lost connection). */
  listening(): Promise<void> {
    return this.connected ?? this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.sender.end().catch(() => undefined);
  }

  private publish(cache: string, key: string | undefined): void {
    if (this.closed) return;
    let payload = JSON.stringify({ origin: this.origin, cache, ...(key === undefined ? {} : { key }) } satisfies Message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ origin: this.origin, cache } satisfies Message);
    this.sender.query('SELECT pg_notify($1, $2)', [CACHE_CHANNEL, payload]).catch((error: unknown) => {
      // The other processes' entries then live out their time to live (seconds): say so, do not fail the change.
      this.logger.warn(`cache bus: could not tell other processes to forget ${cache}: ${String(error)}`);
    });
  }

  private connect(): Promise<void> {
    this.connected = this.open().then(
      () => {
        this.attempt = 0;
      },
      (error: unknown) => {
        this.logger.warn(`cache bus: cannot listen (${String(error)}); retrying`);
        this.scheduleReconnect();
      },
    );
    return this.connected;
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === CACHE_CHANNEL && message.payload) this.apply(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    // Whatever changed while this process was not listening is unknown: forget it all.
    for (const cache of this.caches.values()) cache.forget(undefined);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.logger.warn(`cache bus: listening connection lost (${error.message}); reconnecting`);
    client.end().catch(() => undefined);
    // Until it is back, nothing cached here can be trusted to be current.
    for (const cache of this.caches.values()) cache.forget(undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)]!;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private apply(payload: string): void {
    let message: Message;
    try {
      message = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (message.origin === this.origin) return;
    const cache = this.caches.get(message.cache);
    if (!cache) return;
    this.received++;
    try {
      cache.forget(message.key);
    } catch {
      cache.forget(undefined);
    }
  }
}
