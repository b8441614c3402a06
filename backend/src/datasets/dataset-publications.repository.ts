import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { DatasetPublicationEntity } from './dataset-publication.entity.js';

export type PublicationChange = Partial<
  Pick<
    DatasetPublicationEntity,
    'step' | 'did' | 'nftAddress' | 'datatokenAddress' | 'exchangeAddress' | 'exchangeId' | 'dispenserAddress' | 'mintTx' | 'metadataTx'
  >
>;

/** Every SQL statement of publishing. */
@Injectable()
export class DatasetPublicationsRepository {
  constructor(
    private readonly db: DataSource,
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
  ) {}

  find(versionId: number): Promise<DatasetPublicationEntity | null> {
    return this.db.getRepository(DatasetPublicationEntity).findOneBy({ versionId });
  }

  /** The published asset of `did` (an Ocean DID), if one of ours. */
  findPublishedByDid(did: string): Promise<DatasetPublicationEntity | null> {
    return this.db.getRepository(DatasetPublicationEntity).findOneBy({ did, status: 'published' });
  }

  async findMany(versionIds: readonly number[]): Promise<Map<number, DatasetPublicationEntity>> {
    if (versionIds.length === 0) return new Map();
    const rows = await this.db.getRepository(DatasetPublicationEntity).findBy({ versionId: In([...versionIds]) });
    return new Map(rows.map((row) => [row.versionId, row]));
  }

  /**
   * Records the request and its job in one transaction. A failed publication that never minted is
   * started over with the new terms; one that minted resumes with the sale it already has (a second
   * NFT would be a second asset), its chain transactions of `purposes` that failed for good given
   * back. Answers null when the version is already publishing or published.
   */
  async request(
    versionId: number,
    terms: { price: string | null; free: boolean; requestedBy: number | null },
    purposes: readonly string[],
    queueName: string,
    jobTimeoutSeconds?: number,
  ): Promise<DatasetPublicationEntity | null> {
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(DatasetPublicationEntity);
      const existing = await repo.findOne({ where: { versionId }, lock: { mode: 'pessimistic_write' } });
      if (existing && existing.status !== 'failed') return null;
      if (!existing) {
        // Two first requests at once: the second waits for the first's row, then inserts nothing.
        const inserted = await sqlRows(
          manager,
          `INSERT INTO dataset_publications (version_id, status, step, price, free, requested_by)
           VALUES ($1, 'publishing', 'export', $2, $3, $4) ON CONFLICT (version_id) DO NOTHING RETURNING version_id`,
          [versionId, terms.price, terms.free, terms.requestedBy],
        );
        if (inserted.length === 0) return null;
      } else {
        const restart = existing.mintTx === null ? { step: 'export', ...terms } : {};
        await repo.update(versionId, { status: 'publishing', error: null, ...restart });
        // A transaction that failed for good (refused by estimation, or mined and reverted) changed
        // nothing on chain: its purpose is given back, renamed to keep it on record, so the retry
        // sends a new one instead of finding the failure again.
        await sqlRows(manager, `UPDATE chain_txs SET purpose = purpose || ':failed:' || id WHERE purpose = ANY($1) AND status = 'failed'`, [
          [...purposes],
        ]);
      }
      // The job may wait out an outage of the chain or the store (PUBLISH_RETRY_SECONDS): it is not
      // taken for dead, and retried beside itself, while it does.
      await this.queue.send(
        queueName,
        { versionId },
        { manager, singletonKey: String(versionId), ...(jobTimeoutSeconds ? { jobTimeoutSeconds } : {}) },
      );
      return repo.findOneByOrFail({ versionId });
    });
  }

  async advance(versionId: number, change: PublicationChange): Promise<void> {
    await this.db.getRepository(DatasetPublicationEntity).update({ versionId, status: 'publishing' }, change);
  }

  /** Records the DDO the metadata step sends (before it is sent: a rerun sends the same bytes). */
  async saveDdo(versionId: number, ddo: object): Promise<void> {
    await sqlRows(
      this.db,
      "UPDATE dataset_publications SET ddo = $2::jsonb, updated_at = now() WHERE version_id = $1 AND status = 'publishing'",
      [versionId, JSON.stringify(ddo)],
    );
  }

  /** Runs `work` in a transaction (the outbox records its intents in the caller's transaction). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async markPublished(versionId: number, change: PublicationChange): Promise<void> {
    await this.db
      .getRepository(DatasetPublicationEntity)
      .update({ versionId, status: 'publishing' }, { ...change, status: 'published', step: 'done', publishedAt: new Date(), error: null });
  }

  /** Notes why the publication is waiting (an outage it retries through), without failing it. */
  async noteRetry(versionId: number, error: string): Promise<void> {
    await this.db.getRepository(DatasetPublicationEntity).update({ versionId, status: 'publishing' }, { error: error.slice(0, 2000) });
  }

  async markFailed(versionId: number, error: string): Promise<void> {
    await this.db
      .getRepository(DatasetPublicationEntity)
      .update({ versionId, status: 'publishing' }, { status: 'failed', error: error.slice(0, 2000) });
  }

  /** Publications a job should be running for (a restart resumes them). */
  async publishing(): Promise<number[]> {
    const rows = await sqlRows<{ version_id: number }>(
      this.db,
      "SELECT version_id FROM dataset_publications WHERE status = 'publishing' ORDER BY version_id",
    );
    return rows.map((row) => row.version_id);
  }
}
