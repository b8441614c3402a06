import { Injectable } from '@nestjs/common';
import { parseTokens } from './domain/reward-math.js';
import { LedgerRepository } from './ledger.repository.js';

const REFRESH_MS = 5_000;
/** Leases ending within this long of a read are tracked one by one (longer than a read is used). */
const HORIZON_MS = 3 * REFRESH_MS;
const MAX_PROJECTS = 10_000;

/** How many of the ascending times `at` are at or before `now`. */
function endedBy(at: readonly number[], now: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (at[mid]! <= now) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A budget place taken while a lease is being handed out; settle it whatever happens. */
export interface BudgetHold {
  readonly projectId: number;
  /** False for projects without a budget: nothing was taken. */
  readonly counted: boolean;
}

/** A lease as the budget counts it. */
export interface BudgetLease {
  projectId: number;
  assignmentId: number;
  leasedAt: Date;
  expiresAt: Date;
}

/** One project's commitment as this instance sees it. */
interface ProjectCommitment {
  /** From the last read: credited, undecided labels and leases outliving the horizon. */
  base: bigint;
  rate: bigint;
  /** From the last read: when each lease ending within the horizon ends, soonest first. */
  expiring: number[];
  /**
   * Leases handed out here since the last read began, in the order they were (so, all but for a
   * change of the project's lease time, in the order they end): assignment id -> when it ends, when
   * it was recorded.
   */
  recent: Map<number, { expiresAt: number; recordedAt: number }>;
  /** Leases being handed out right now. */
  pending: number;
  readStartedAt: number;
  readAt: number;
  reading: Promise<void> | undefined;
}

/**
 * Whether a project may hand out more work: its budget must cover what it credited, plus its rate for
 * every label not yet decided and every live lease. A lease counts only while it lives: from when it
 * is handed out (not again when a reload resumes it) until it is submitted (then its label counts),
 * skipped, or runs out. Read from the database every few seconds; in between, this instance adds the
 * leases it hands out, drops the ones skipped here, and lets every lease it knows of stop counting at
 * its expiry.
 */
@Injectable()
export class BudgetService {
  private readonly projects = new Map<number, ProjectCommitment>();

  constructor(private readonly ledger: LedgerRepository) {}

  /** Takes one label's place in the budget while a lease is handed out; undefined when the budget is spent. */
  async hold(projectId: number, budget: string | null): Promise<BudgetHold | undefined> {
    if (budget === null) return { projectId, counted: false };
    const entry = await this.read(projectId);
    if (this.committed(entry) >= parseTokens(budget)) return undefined;
    entry.pending++;
    return { projectId, counted: true };
  }

  /** Ends a hold: with the lease it became when it became a new one, else it is given back. */
  settle(hold: BudgetHold, lease?: { assignmentId: number; expiresAt: Date }): void {
    const entry = this.projects.get(hold.projectId);
    if (!hold.counted || !entry) return;
    entry.pending = Math.max(0, entry.pending - 1);
    if (lease) entry.recent.set(lease.assignmentId, { expiresAt: lease.expiresAt.getTime(), recordedAt: Date.now() });
  }

  /** A lease closed before its end (skipped): it stops counting now. */
  release(lease: BudgetLease): void {
    const entry = this.projects.get(lease.projectId);
    if (!entry || entry.recent.delete(lease.assignmentId)) return;
    const expiresAt = lease.expiresAt.getTime();
    // Already not counted: ended, or handed out elsewhere after the last read.
    if (expiresAt <= Date.now() || lease.leasedAt.getTime() >= entry.readStartedAt) return;
    const listed = entry.expiring.findIndex((at) => Math.abs(at - expiresAt) < 1);
    if (listed >= 0) entry.expiring.splice(listed, 1);
    else if (entry.base >= entry.rate) entry.base -= entry.rate;
  }

  /** Called on every lease: amortised constant time, however many leases are in flight. */
  private committed(entry: ProjectCommitment): bigint {
    const now = Date.now();
    for (const [assignmentId, lease] of entry.recent) {
      if (lease.expiresAt > now) break;
      entry.recent.delete(assignmentId);
    }
    const live = entry.pending + entry.expiring.length - endedBy(entry.expiring, now) + entry.recent.size;
    return entry.base + BigInt(live) * entry.rate;
  }

  private async read(projectId: number): Promise<ProjectCommitment> {
    let entry = this.projects.get(projectId);
    if (entry && Date.now() - entry.readAt < REFRESH_MS) return entry;
    if (!entry) {
      if (this.projects.size >= MAX_PROJECTS) this.evictIdle();
      entry = { base: 0n, rate: 0n, expiring: [], recent: new Map(), pending: 0, readStartedAt: 0, readAt: 0, reading: undefined };
      this.projects.set(projectId, entry);
    }
    const reading = (entry.reading ??= this.refresh(projectId, entry).finally(() => {
      entry.reading = undefined;
    }));
    await reading;
    return entry;
  }

  private async refresh(projectId: number, entry: ProjectCommitment): Promise<void> {
    const startedAt = Date.now();
    const read = await this.ledger.budgetCommitment(projectId, HORIZON_MS);
    entry.base = read.base;
    entry.rate = read.rate;
    entry.expiring = read.expiring;
    // Leases recorded before the read began are in it now.
    for (const [assignmentId, lease] of entry.recent) {
      if (lease.recordedAt >= startedAt) break;
      entry.recent.delete(assignmentId);
    }
    entry.readStartedAt = startedAt;
    entry.readAt = Date.now();
  }

  /** Forgets projects with nothing in flight (they are read again on their next lease). */
  private evictIdle(): void {
    for (const [projectId, entry] of this.projects) if (entry.pending === 0 && !entry.reading) this.projects.delete(projectId);
  }
}
