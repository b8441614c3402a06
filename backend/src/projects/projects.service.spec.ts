import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import type { CreditService } from '../rewards/credit.service.js';
import type { CreateProjectDto, ProjectStatsDto } from './project.dto.js';
import type { ProjectEntity } from './project.entity.js';
import type { ProjectFields, ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

const T0 = Date.parse('2026-12-01T12:00:00Z');

function stored(id: number, name: string): ProjectEntity {
  const row: ProjectEntity = {
    id,
    name,
    type: 'classification',
    labels: ['cat', 'dog'],
    overlap: 1,
    maxOverlap: 1,
    targetConfidence: 0.8,
    goldRate: 0.1,
    qualificationSize: 4,
    qualificationMinAccuracy: 0.75,
    leaseSeconds: 600,
    rewardPerLabel: '1',
    rewardBudget: null,
    instructions: '',
    status: 'active',
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
  };
  return row;
}

/** The projects table, its reads counted; `holdNextRead` keeps the next read's answer until `release`. */
class FakeProjects {
  readonly rows = new Map<number, ProjectEntity>();
  reads = 0;
  private held: { release: () => void } | undefined;
  private holdNext = false;

  holdNextRead(): void {
    this.holdNext = true;
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  findById(id: number): Promise<ProjectEntity | null> {
    this.reads++;
    // Read now: a held read answers what the table held when it ran, as a slow query would.
    const row = this.rows.get(id);
    const answer = row ? { ...row } : null;
    if (!this.holdNext) return Promise.resolve(answer);
    this.holdNext = false;
    return new Promise((resolve) => (this.held = { release: () => resolve(answer) }));
  }

  create(fields: ProjectFields): Promise<ProjectEntity> {
    const row = { ...stored(this.rows.size + 1, fields.name), ...fields };
    this.rows.set(row.id, row);
    return Promise.resolve({ ...row });
  }

  update(id: number, fields: Partial<ProjectFields>): Promise<ProjectEntity | null> {
    const row = { ...this.rows.get(id)!, ...fields };
    this.rows.set(id, row);
    return Promise.resolve({ ...row });
  }

  stats(): Promise<Map<number, ProjectStatsDto>> {
    return Promise.resolve(new Map<number, ProjectStatsDto>());
  }

  countAnnotations(): Promise<number> {
    return Promise.resolve(0);
  }

  delete(id: number): Promise<void> {
    this.rows.delete(id);
    return Promise.resolve();
  }
}

const config = { defaultLeaseSeconds: 600, maxLeaseSeconds: 86_400 } as AppConfig;

function setUp(): { service: ProjectsService; table: FakeProjects } {
  const table = new FakeProjects();
  table.rows.set(1, stored(1, 'Cats'));
  const service = new ProjectsService(table as unknown as ProjectsRepository, {} as CreditService, config);
  return { service, table };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ProjectsService.cached', () => {
  it('reads a project once while it is fresh, and again once two seconds have passed', async () => {
    const { service, table } = setUp();
    expect((await service.cached(1))?.name).toBe('Cats');
    // Another instance renames it: this one keeps what it read for two seconds.
    table.rows.set(1, stored(1, 'Cats and dogs'));
    vi.setSystemTime(T0 + 1_999);
    expect((await service.cached(1))?.name).toBe('Cats');
    expect(table.reads).toBe(1);
    vi.setSystemTime(T0 + 2_000);
    expect((await service.cached(1))?.name).toBe('Cats and dogs');
    expect(table.reads).toBe(2);
  });

  it('an update or a delete made here applies to the very next read', async () => {
    const { service, table } = setUp();
    await service.cached(1);
    await service.update(1, { name: 'Renamed', status: 'paused' });
    expect(await service.cached(1)).toMatchObject({ name: 'Renamed', status: 'paused' });
    await service.delete(1);
    expect(await service.cached(1)).toBeNull();
    expect(table.rows.has(1)).toBe(false);
  });

  it('concurrent reads share one load; a load that overlapped an update is answered but not kept', async () => {
    const { service, table } = setUp();
    table.holdNextRead();
    const first = service.cached(1);
    const second = service.cached(1);
    await service.update(1, { name: 'Renamed' });
    table.release();
    // Both got what the table held when the one read ran...
    expect((await first)?.name).toBe('Cats');
    expect((await second)?.name).toBe('Cats');
    // ...but the next read does not trust it.
    expect((await service.cached(1))?.name).toBe('Renamed');
  });

  it('remembers an unknown id as none, until a project with that id is created here', async () => {
    const { service, table } = setUp();
    expect(await service.cached(2)).toBeNull();
    expect(await service.cached(2)).toBeNull();
    expect(table.reads).toBe(1);
    const body = { name: 'Dogs', type: 'classification', labels: ['a', 'b'], overlap: 1, rewardPerLabel: '1' } as CreateProjectDto;
    const created = await service.create(body);
    expect(created.id).toBe(2);
    expect((await service.cached(2))?.name).toBe('Dogs');
  });
});
