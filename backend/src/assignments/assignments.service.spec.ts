import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../access/access.js';
import type { AppConfig } from '../config/app-config.js';
import type { Project } from '../projects/domain/project.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { AggregationService } from '../quality/aggregation.service.js';
import type { QualificationStatus } from '../quality/domain/qualification.js';
import type { QualificationsService } from '../quality/qualifications.service.js';
import type { SuspensionsService } from '../quality/suspensions.service.js';
import type { BudgetHold, BudgetLease, BudgetService } from '../rewards/budget.service.js';
import { AdmissionService } from './admission.service.js';
import type {
  AssignmentForSubmit,
  AssignmentsRepository,
  ClosedLease,
  LeaseAnswer,
  LeaseRequest,
  SubmitRequest,
} from './assignments.repository.js';
import { AssignmentsService } from './assignments.service.js';

// Fakes of the service's ports: our own classes holding the state a database would, no ORM involved.

const PROJECT_ID = 7;
const LEASE_SECONDS = 600;

type Status = 'leased' | 'submitted' | 'skipped' | 'expired';
interface Item {
  id: number;
  overlap: number;
  taken: number;
  gold: boolean;
}
interface Assignment {
  id: number;
  itemId: number;
  annotatorId: number;
  status: Status;
  expiresAt: number;
  leasedAt: number;
  draft: unknown;
  annotationId: number | null;
}

/** The assignments table and its statements, as `AssignmentsRepository` runs them (one project). */
class FakeAssignments implements Pick<
  AssignmentsRepository,
  | 'nextAssignment'
  | 'liveAssignment'
  | 'lowestOpenItemId'
  | 'expireLeases'
  | 'skip'
  | 'findForSubmit'
  | 'submit'
  | 'saveDraft'
  | 'countOpen'
> {
  readonly items: Item[] = [];
  readonly assignments = new Map<number, Assignment>();
  readonly annotations = new Map<number, { assignmentId: number; result: unknown }>();
  readonly leaseRequests: LeaseRequest[] = [];
  readonly calls = { findForSubmit: 0, submit: 0 };
  /** New annotators at their cap of live leases. */
  capped = false;
  private nextId = 1;
  private submitGate: { waiting: number; until: number; open: () => void; opened: Promise<void> } | undefined;

  addItems(count: number, overlap = 1, gold = false): void {
    for (let i = 0; i < count; i++) this.items.push({ id: this.items.length + 1, overlap, taken: 0, gold });
  }

  /** The next `count` submits wait for each other before any is applied: concurrent submits, made to race. */
  raceSubmits(count: number): void {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.submitGate = { waiting: 0, until: count, open, opened };
  }

  nextAssignment(request: LeaseRequest): Promise<LeaseAnswer> {
    this.leaseRequests.push(request);
    const live = this.liveLease(request.annotatorId);
    if (live) return Promise.resolve({ outcome: 'resumed', assignment: this.leased(live) });
    if (this.capped) return Promise.resolve({ outcome: 'capped' });
    const neverHad = (item: Item): boolean =>
      ![...this.assignments.values()].some((a) => a.itemId === item.id && a.annotatorId === request.annotatorId);
    const regular = (item: Item): boolean => !item.gold && item.id >= request.scanFrom && item.taken < item.overlap && neverHad(item);
    const pick =
      (request.gold && this.items.some(regular) ? this.items.find((item) => item.gold && neverHad(item)) : undefined) ??
      this.items.find(regular);
    if (!pick) return Promise.resolve({ outcome: 'none' });
    pick.taken++;
    const assignment: Assignment = {
      id: this.nextId++,
      itemId: pick.id,
      annotatorId: request.annotatorId,
      status: 'leased',
      leasedAt: Date.now(),
      expiresAt: Date.now() + request.leaseSeconds * 1000,
      draft: null,
      annotationId: null,
    };
    this.assignments.set(assignment.id, assignment);
    return Promise.resolve({ outcome: 'leased', assignment: this.leased(assignment) });
  }

  liveAssignment(_projectId: number, annotatorId: number): ReturnType<AssignmentsRepository['liveAssignment']> {
    const live = this.liveLease(annotatorId);
    return Promise.resolve(live && this.leased(live));
  }

  lowestOpenItemId(): Promise<number> {
    return Promise.resolve(this.items.find((item) => item.taken < item.overlap)?.id ?? 0);
  }

  expireLeases(): Promise<Array<{ projectId: number; itemId: number }>> {
    const expired = [...this.assignments.values()].filter((a) => a.status === 'leased' && a.expiresAt <= Date.now());
    for (const assignment of expired) this.close(assignment, 'expired');
    return Promise.resolve(expired.map((a) => ({ projectId: PROJECT_ID, itemId: a.itemId })));
  }

  skip(assignmentId: number, annotatorId: number): Promise<ClosedLease | undefined> {
    const assignment = this.assignments.get(assignmentId);
    if (!assignment || assignment.annotatorId !== annotatorId || assignment.status !== 'leased') return Promise.resolve(undefined);
    this.close(assignment, 'skipped');
    return Promise.resolve({
      projectId: PROJECT_ID,
      itemId: assignment.itemId,
      assignmentId,
      leasedAt: new Date(assignment.leasedAt),
      expiresAt: new Date(assignment.expiresAt),
    });
  }

  findForSubmit(assignmentId: number): Promise<AssignmentForSubmit | undefined> {
    this.calls.findForSubmit++;
    const a = this.assignments.get(assignmentId);
    return Promise.resolve(
      a && {
        id: a.id,
        annotatorId: a.annotatorId,
        status: a.status,
        live: a.expiresAt > Date.now(),
        projectId: PROJECT_ID,
        projectType: 'classification',
        labels: ['cat', 'dog'],
        data: { text: `item ${a.itemId}` },
        media: null,
        annotationId: a.annotationId,
      },
    );
  }

  async submit(request: SubmitRequest): Promise<number | undefined> {
    this.calls.submit++;
    const gate = this.submitGate;
    if (gate) {
      if (++gate.waiting === gate.until) {
        this.submitGate = undefined;
        gate.open();
      }
      await gate.opened;
    }
    const a = this.assignments.get(request.assignmentId);
    if (!a || a.annotatorId !== request.annotatorId || a.status !== 'leased' || a.expiresAt <= Date.now()) return undefined;
    a.status = 'submitted';
    a.annotationId = this.nextId++;
    this.annotations.set(a.annotationId, { assignmentId: a.id, result: request.result });
    return a.annotationId;
  }

  saveDraft(assignmentId: number, annotatorId: number, draft: unknown): Promise<Date | undefined> {
    const a = this.assignments.get(assignmentId);
    if (!a || a.annotatorId !== annotatorId || a.status !== 'leased' || a.expiresAt <= Date.now()) return Promise.resolve(undefined);
    a.draft = draft;
    return Promise.resolve(new Date(a.expiresAt));
  }

  countOpen(): Promise<{ remaining: number; done: number }> {
    return Promise.resolve({ remaining: 0, done: this.annotations.size });
  }

  private liveLease(annotatorId: number): Assignment | undefined {
    return [...this.assignments.values()].find((a) => a.annotatorId === annotatorId && a.status === 'leased' && a.expiresAt > Date.now());
  }

  private leased(a: Assignment): Exclude<LeaseAnswer, { outcome: 'capped' | 'none' }>['assignment'] {
    return { assignmentId: a.id, itemId: a.itemId, data: { text: `item ${a.itemId}` }, expiresAt: new Date(a.expiresAt), draft: a.draft };
  }

  private close(a: Assignment, status: Status): void {
    a.status = status;
    this.items.find((item) => item.id === a.itemId)!.taken--;
  }
}

class FakeProjects implements Pick<ProjectsService, 'visible' | 'cached'> {
  project = {
    id: PROJECT_ID,
    type: 'classification',
    labels: ['cat', 'dog'],
    status: 'active',
    goldRate: 0.1,
    qualificationSize: 0,
    qualificationMinAccuracy: 0.75,
    leaseSeconds: LEASE_SECONDS,
    rewardBudget: '100',
  } as Project;

  visible(): Promise<Project> {
    return Promise.resolve(this.project);
  }

  cached(): Promise<Project | null> {
    return Promise.resolve(this.project);
  }
}

class FakeSuspensions implements Pick<SuspensionsService, 'isSuspended'> {
  readonly suspended = new Set<number>();

  isSuspended(annotatorId: number): Promise<boolean> {
    return Promise.resolve(this.suspended.has(annotatorId));
  }
}

class FakeQualifications implements Pick<QualificationsService, 'status' | 'goldCount'> {
  gold = 0;
  verdict: QualificationStatus | undefined;

  status(_projectId: number, _annotatorId: number, unjudged: () => QualificationStatus): Promise<QualificationStatus> {
    return Promise.resolve(this.verdict ?? unjudged());
  }

  goldCount(): Promise<number> {
    return Promise.resolve(this.gold);
  }
}

/** Counts holds the way the budget does: each one settled exactly once. */
class FakeBudget implements Pick<BudgetService, 'hold' | 'settle' | 'release'> {
  spent = false;
  held = 0;
  readonly leases: number[] = [];
  readonly released: number[] = [];

  hold(projectId: number): Promise<BudgetHold | undefined> {
    if (this.spent) return Promise.resolve(undefined);
    this.held++;
    return Promise.resolve({ projectId, counted: true });
  }

  settle(_hold: BudgetHold, lease?: { assignmentId: number }): void {
    this.held--;
    if (lease) this.leases.push(lease.assignmentId);
  }

  release(lease: BudgetLease): void {
    this.released.push(lease.assignmentId);
  }
}

class FakeAggregation implements Pick<AggregationService, 'schedule'> {
  readonly scheduled: number[] = [];

  schedule(projectId: number): void {
    this.scheduled.push(projectId);
  }
}

const config = {
  jwtSecret: 'a-secret-of-at-least-thirty-two-bytes',
  fileUrlTtlSeconds: 900,
  leaseSweepSeconds: 15,
  newAnnotators: { maxLeases: 3, minAcceptedLabels: 5 },
} as AppConfig;

/** One database and its collaborators, served by two instances of the service (as two servers would be). */
function setUp() {
  const ports = {
    assignments: new FakeAssignments(),
    projects: new FakeProjects(),
    suspensions: new FakeSuspensions(),
    qualifications: new FakeQualifications(),
    budget: new FakeBudget(),
    aggregation: new FakeAggregation(),
  };
  const instance = (): AssignmentsService => {
    const admission = new AdmissionService(
      ports.projects as unknown as ProjectsService,
      ports.suspensions as unknown as SuspensionsService,
      ports.qualifications as unknown as QualificationsService,
      ports.budget as unknown as BudgetService,
    );
    return new AssignmentsService(
      ports.assignments as unknown as AssignmentsRepository,
      admission,
      ports.projects as unknown as ProjectsService,
      ports.aggregation as unknown as AggregationService,
      config,
    );
  };
  return { ...ports, service: instance(), elsewhere: instance() };
}

const alice: Caller = { id: 1, address: '0x0000000000000000000000000000000000000001', roles: ['annotator'] };
const bob: Caller = { id: 2, address: '0x0000000000000000000000000000000000000002', roles: ['annotator'] };
const carol: Caller = { id: 3, address: '0x0000000000000000000000000000000000000003', roles: ['annotator'] };
const dave: Caller = { id: 4, address: '0x0000000000000000000000000000000000000004', roles: ['annotator'] };

function advance(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('AssignmentsService.submit', () => {
  it('fast path: a lease this instance handed out is judged from memory and closed in one statement', async () => {
    const { service, assignments, aggregation } = setUp();
    assignments.addItems(2);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    const submitted = await service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1200);
    expect(submitted).toEqual({ annotationId: expect.any(Number) });
    expect(assignments.calls).toEqual({ findForSubmit: 0, submit: 1 });
    expect(assignments.annotations.get(submitted.annotationId)).toEqual({
      assignmentId: assignment.assignmentId,
      result: { label: 'cat' },
    });
    expect(aggregation.scheduled).toEqual([PROJECT_ID]);
  });

  it('slow path: a lease another instance handed out is read back once, judged, then closed', async () => {
    const { service, elsewhere, assignments } = setUp();
    assignments.addItems(2);
    const assignment = (await elsewhere.next(alice, PROJECT_ID))!;
    const submitted = await service.submit(alice, assignment.assignmentId, { label: 'dog' }, 1200);
    expect(assignments.calls).toEqual({ findForSubmit: 1, submit: 1 });
    expect(assignments.annotations.get(submitted.annotationId)?.result).toEqual({ label: 'dog' });
  });

  it('a retried submit answers the same annotation and records no second one', async () => {
    const { service, elsewhere, assignments } = setUp();
    assignments.addItems(2);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    const first = await service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1200);
    expect(await service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1200)).toEqual(first);
    expect(await elsewhere.submit(alice, assignment.assignmentId, { label: 'dog' }, 1200)).toEqual(first);
    expect(assignments.annotations.size).toBe(1);
  });

  it('concurrent submits of one lease race; the loser answers the winner’s annotation (fast and slow path)', async () => {
    const { service, elsewhere, assignments } = setUp();
    assignments.addItems(2);
    for (const handedOutBy of [service, elsewhere]) {
      const assignment = (await handedOutBy.next(alice, PROJECT_ID))!;
      assignments.raceSubmits(2);
      const submitsBefore = assignments.calls.submit;
      const [a, b] = await Promise.all([
        service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1000),
        service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1000),
      ]);
      expect(assignments.calls.submit - submitsBefore).toBe(2); // both reached the closing statement
      expect(a).toEqual(b);
    }
    expect(assignments.annotations.size).toBe(2);
  });

  it('a lease that ran out is refused with LEASE_EXPIRED, whoever handed it out', async () => {
    const { service, elsewhere, assignments } = setUp();
    assignments.addItems(2);
    const mine = (await service.next(alice, PROJECT_ID))!;
    const theirs = (await elsewhere.next(bob, PROJECT_ID))!;
    advance(LEASE_SECONDS * 1000 + 1);
    await expect(service.submit(alice, mine.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({ code: 'LEASE_EXPIRED' });
    await expect(service.submit(bob, theirs.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({ code: 'LEASE_EXPIRED' });
    await assignments.expireLeases();
    await expect(service.submit(bob, theirs.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({ code: 'LEASE_EXPIRED' });
    expect(assignments.annotations.size).toBe(0);
  });

  it('an invalid result is refused naming the field, and the lease stays open for a valid one', async () => {
    const { service, elsewhere, assignments } = setUp();
    assignments.addItems(2);
    for (const handedOutBy of [service, elsewhere]) {
      const assignment = (await handedOutBy.next(alice, PROJECT_ID))!;
      await expect(service.submit(alice, assignment.assignmentId, { label: 'bird' }, 1000)).rejects.toMatchObject({
        code: 'RESULT_INVALID',
        field: 'result.label',
      });
      await expect(service.submit(alice, assignment.assignmentId, { label: 'cat', extra: 1 }, 1000)).rejects.toMatchObject({
        code: 'RESULT_INVALID',
      });
      expect((await service.submit(alice, assignment.assignmentId, { label: 'dog' }, 1000)).annotationId).toEqual(expect.any(Number));
    }
  });

  it('a suspended caller can neither take work nor submit the lease they hold', async () => {
    const { service, assignments, suspensions } = setUp();
    assignments.addItems(2);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    suspensions.suspended.add(alice.id);
    await expect(service.next(alice, PROJECT_ID)).rejects.toMatchObject({ code: 'ANNOTATOR_SUSPENDED' });
    await expect(service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({
      code: 'ANNOTATOR_SUSPENDED',
    });
    expect(assignments.calls.submit).toBe(0);
  });

  it("someone else's assignment is not found, and a skipped one is closed", async () => {
    const { service, assignments } = setUp();
    assignments.addItems(2);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    await expect(service.submit(bob, assignment.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({
      code: 'ASSIGNMENT_NOT_FOUND',
    });
    await expect(service.submit(alice, 999, { label: 'cat' }, 1000)).rejects.toMatchObject({ code: 'ASSIGNMENT_NOT_FOUND' });
    await service.skip(alice, assignment.assignmentId);
    await expect(service.submit(alice, assignment.assignmentId, { label: 'cat' }, 1000)).rejects.toMatchObject({
      code: 'ASSIGNMENT_CLOSED',
    });
    await expect(service.skip(alice, assignment.assignmentId)).rejects.toMatchObject({ code: 'ASSIGNMENT_CLOSED' });
  });

  it('with thenNext, answers the next assignment too; a project paused meanwhile just means no next one', async () => {
    const { service, assignments, projects } = setUp();
    assignments.addItems(3);
    const first = (await service.next(alice, PROJECT_ID))!;
    const chained = await service.submit(alice, first.assignmentId, { label: 'cat' }, 1000, true);
    expect(chained.next?.assignmentId).toBeGreaterThan(first.assignmentId);
    projects.project = { ...projects.project, status: 'paused' };
    expect((await service.submit(alice, chained.next!.assignmentId, { label: 'dog' }, 1000, true)).next).toBeNull();
  });
});

describe('AssignmentsService.next', () => {
  it('a spent budget hands out nothing new, but the caller’s live lease is still theirs', async () => {
    const { service, assignments, budget } = setUp();
    assignments.addItems(3);
    const held = (await service.next(alice, PROJECT_ID))!;
    budget.spent = true;
    expect((await service.next(alice, PROJECT_ID))?.assignmentId).toBe(held.assignmentId);
    await expect(service.next(bob, PROJECT_ID)).rejects.toMatchObject({ code: 'PROJECT_BUDGET_SPENT' });
    // The resumed lease is judged from memory like any other this instance handed out.
    await service.submit(alice, held.assignmentId, { label: 'cat' }, 1000);
    expect(assignments.calls.findForSubmit).toBe(0);
  });

  it('each budget hold is settled once: with the lease when it is new, given back on a reload, nothing left or an error', async () => {
    const { service, assignments, budget, qualifications } = setUp();
    assignments.addItems(1);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    expect((await service.next(alice, PROJECT_ID))?.assignmentId).toBe(assignment.assignmentId);
    expect(await service.next(bob, PROJECT_ID)).toBeUndefined();
    qualifications.gold = 4;
    qualifications.verdict = 'failed';
    advance(5_000); // the gold count is read again
    await expect(service.next(carol, PROJECT_ID)).rejects.toMatchObject({ code: 'QUALIFICATION_FAILED' });
    expect(budget.held).toBe(0);
    expect(budget.leases).toEqual([assignment.assignmentId]);
    await service.skip(alice, assignment.assignmentId);
    expect(budget.released).toEqual([assignment.assignmentId]);
  });

  it('refuses a paused project and a new annotator at their cap of live leases', async () => {
    const { service, assignments, projects, budget } = setUp();
    assignments.addItems(2);
    assignments.capped = true;
    await expect(service.next(alice, PROJECT_ID)).rejects.toMatchObject({ code: 'LEASE_LIMIT_REACHED' });
    projects.project = { ...projects.project, status: 'paused' };
    await expect(service.next(alice, PROJECT_ID)).rejects.toMatchObject({ code: 'PROJECT_NOT_ACTIVE' });
    expect(budget.held).toBe(0);
  });

  it('asks for gold first at the qualifying rate, never when the project has none', async () => {
    const { service, assignments, qualifications, projects } = setUp();
    projects.project = { ...projects.project, goldRate: 0, qualificationSize: 2 };
    assignments.addItems(3);
    await service.next(alice, PROJECT_ID);
    expect(assignments.leaseRequests.at(-1)?.gold).toBe(false);
    // With gold in the project and no verdict yet, the annotator qualifies: gold comes first (at most every time).
    qualifications.gold = 2;
    assignments.addItems(2, 1, true);
    advance(5_000); // the gold count is read again
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await service.next(bob, PROJECT_ID);
    expect(assignments.leaseRequests.at(-1)?.gold).toBe(true);
  });

  it('scans from the lowest open item, lowered at once when an item comes back here', async () => {
    const { service, assignments } = setUp();
    assignments.addItems(4);
    await service.next(alice, PROJECT_ID); // item 1
    await service.next(bob, PROJECT_ID); // item 2, scanning from 1 (the start is not read again yet)
    advance(5_000);
    await service.next(carol, PROJECT_ID); // the start is read again: item 3
    await service.skip(alice, 1); // item 1 is back
    const fourth = (await service.next(dave, PROJECT_ID))!;
    expect(assignments.leaseRequests.map((r) => r.scanFrom)).toEqual([1, 1, 3, 1]);
    expect(assignments.assignments.get(fourth.assignmentId)?.itemId).toBe(1);
  });

  it('scans again from the start when an item came back below it elsewhere, then returns expired leases before giving up', async () => {
    const { service, elsewhere, assignments, aggregation } = setUp();
    assignments.addItems(2);
    const first = (await service.next(alice, PROJECT_ID))!;
    advance(5_000);
    await service.next(bob, PROJECT_ID); // the start is now item 2
    await elsewhere.skip(alice, first.assignmentId); // item 1 is back, unknown to this instance's start
    const again = (await service.next(carol, PROJECT_ID))!;
    expect(assignments.leaseRequests.slice(-2).map((r) => r.scanFrom)).toEqual([2, 0]);
    expect(assignments.assignments.get(again.assignmentId)?.itemId).toBe(1);
    // Everything is leased; Bob's and Carol's leases run out without the sweeper having run.
    advance(LEASE_SECONDS * 1000 + 1);
    aggregation.scheduled.length = 0;
    expect(assignments.assignments.get((await service.next(dave, PROJECT_ID))!.assignmentId)?.itemId).toBe(1);
    expect(aggregation.scheduled).toEqual([PROJECT_ID]);
  });

  it('saves a draft while the lease lives, then refuses with LEASE_EXPIRED', async () => {
    const { service, assignments } = setUp();
    assignments.addItems(1);
    const assignment = (await service.next(alice, PROJECT_ID))!;
    expect(await service.saveDraft(alice, assignment.assignmentId, { label: 'c' })).toEqual({ expiresAt: assignment.expiresAt });
    expect((await service.next(alice, PROJECT_ID))?.draft).toEqual({ label: 'c' });
    advance(LEASE_SECONDS * 1000);
    await expect(service.saveDraft(alice, assignment.assignmentId, {})).rejects.toMatchObject({ code: 'LEASE_EXPIRED' });
  });
});
