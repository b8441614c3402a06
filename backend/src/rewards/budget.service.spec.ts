import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetService } from './budget.service.js';
import type { BudgetCommitment, LedgerRepository } from './ledger.repository.js';

const RATE = 10n ** 18n;
const T0 = Date.parse('2026-12-01T12:00:00Z');

/** A ledger whose reads answer `commitment` and are counted. */
function ledger(commitment: BudgetCommitment): { repository: LedgerRepository; reads: () => number } {
  let reads = 0;
  const repository = {
    budgetCommitment: () => {
      reads++;
      return Promise.resolve({ ...commitment, expiring: [...commitment.expiring] });
    },
  } as unknown as LedgerRepository;
  return { repository, reads: () => reads };
}

async function lease(budget: BudgetService, assignmentId: number, expiresInMs: number, limit = '2'): Promise<boolean> {
  const hold = await budget.hold(1, limit);
  if (!hold) return false;
  budget.settle(hold, { assignmentId, expiresAt: new Date(Date.now() + expiresInMs) });
  return true;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('BudgetService', () => {
  it('counts a lease once: a hold given back (a resumed lease, nothing open) takes nothing', async () => {
    const budget = new BudgetService(ledger({ base: 0n, rate: RATE, expiring: [] }).repository);
    expect(await lease(budget, 1, 60_000)).toBe(true);
    for (let reload = 0; reload < 5; reload++) budget.settle((await budget.hold(1, '2'))!);
    expect(await lease(budget, 2, 60_000)).toBe(true);
    expect(await budget.hold(1, '2')).toBeUndefined();
  });

  it('lets a lease handed out here stop counting when it ends, without reading the ledger again', async () => {
    const { repository, reads } = ledger({ base: 0n, rate: RATE, expiring: [] });
    const budget = new BudgetService(repository);
    expect(await lease(budget, 1, 2_000, '1')).toBe(true);
    expect(await budget.hold(1, '1')).toBeUndefined();
    vi.setSystemTime(T0 + 2_001);
    expect(await lease(budget, 2, 60_000, '1')).toBe(true);
    expect(reads()).toBe(1);
  });

  it('lets a lease read from the ledger stop counting when it ends', async () => {
    const { repository, reads } = ledger({ base: 0n, rate: RATE, expiring: [T0 + 1_000] });
    const budget = new BudgetService(repository);
    expect(await budget.hold(1, '1')).toBeUndefined();
    vi.setSystemTime(T0 + 1_000);
    expect(await lease(budget, 2, 60_000, '1')).toBe(true);
    expect(reads()).toBe(1);
  });

  it('frees a skipped lease at once, whether it was read from the ledger or handed out here', async () => {
    // One long lease in the ledger's count, one ending soon, one handed out here.
    const budget = new BudgetService(ledger({ base: RATE, rate: RATE, expiring: [T0 + 3_000] }).repository);
    expect(await lease(budget, 3, 60_000, '3')).toBe(true);
    expect(await budget.hold(1, '3')).toBeUndefined();
    const before = new Date(T0 - 60_000);
    budget.release({ projectId: 1, assignmentId: 1, leasedAt: before, expiresAt: new Date(T0 + 600_000) });
    expect(await lease(budget, 4, 60_000, '3')).toBe(true);
    budget.release({ projectId: 1, assignmentId: 2, leasedAt: before, expiresAt: new Date(T0 + 3_000) });
    expect(await lease(budget, 5, 60_000, '3')).toBe(true);
    budget.release({ projectId: 1, assignmentId: 5, leasedAt: new Date(T0), expiresAt: new Date(T0 + 60_000) });
    expect(await lease(budget, 6, 60_000, '3')).toBe(true);
    expect(await budget.hold(1, '3')).toBeUndefined();
  });

  it('does not free twice a lease the last read did not count', async () => {
    const budget = new BudgetService(ledger({ base: RATE, rate: RATE, expiring: [] }).repository);
    expect(await budget.hold(1, '1')).toBeUndefined();
    // Handed out by another instance after the read, or already ended: not in the count.
    budget.release({ projectId: 1, assignmentId: 8, leasedAt: new Date(T0 + 1), expiresAt: new Date(T0 + 60_000) });
    budget.release({ projectId: 1, assignmentId: 9, leasedAt: new Date(T0 - 60_000), expiresAt: new Date(T0) });
    expect(await budget.hold(1, '1')).toBeUndefined();
  });

  it('reads the ledger again after a few seconds, and leaves projects without a budget alone', async () => {
    const { repository, reads } = ledger({ base: 0n, rate: RATE, expiring: [] });
    const budget = new BudgetService(repository);
    expect(await budget.hold(2, null)).toEqual({ projectId: 2, counted: false });
    expect(reads()).toBe(0);
    await budget.hold(1, '5');
    vi.setSystemTime(T0 + 4_999);
    await budget.hold(1, '5');
    expect(reads()).toBe(1);
    vi.setSystemTime(T0 + 5_000);
    await budget.hold(1, '5');
    expect(reads()).toBe(2);
  });
});
