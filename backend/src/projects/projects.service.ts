import { Inject, Injectable, Optional } from '@nestjs/common';
import { canAccess, type Caller } from '../access/access.js';
import { CacheBus } from '../cache/cache-bus.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { CreditService } from '../rewards/credit.service.js';
import { checkLabels, type ProjectType } from './domain/label-schema.js';
import { mapProject, type CreateProjectDto, type PROJECT_FILTERS, type ProjectDto, type UpdateProjectDto } from './project.dto.js';
import type { Project } from './domain/project.js';
import { ProjectException } from './projects.exception.js';
import { ProjectsRepository, type ProjectFields } from './projects.repository.js';

/** How long a project read for the labeling path is trusted: other instances' changes show up after this. */
const PROJECT_TTL_MS = 2_000;
const MAX_PROJECTS = 10_000;

@Injectable()
export class ProjectsService {
  /** Projects read on every labeling call (null: none with that id); a change made here drops its entry at once. */
  private readonly cache = new TtlCache<number, Project | null>({ maxEntries: MAX_PROJECTS, ttlMs: PROJECT_TTL_MS });
  private readonly readProject = (id: number): Promise<Project | null> => this.projects.findById(id);

  constructor(
    private readonly projects: ProjectsRepository,
    private readonly credit: CreditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() bus?: CacheBus,
  ) {
    bus?.attach('projects', this.cache);
  }

  /** Managers see every project; everyone else sees active ones only. */
  async list(caller: Caller, query: ListQuery<(typeof PROJECT_FILTERS)[number]>): Promise<ListPage<ProjectDto>> {
    const manager = canAccess(caller.roles, 'project.manage');
    const scoped = manager ? query : { ...query, filter: { ...query.filter, status: 'active' } };
    const page = await this.projects.list(scoped);
    const stats = manager ? await this.projects.stats(page.rows.map((p) => p.id)) : undefined;
    return { rows: page.rows.map((p) => mapProject(p, stats?.get(p.id), manager)), total: page.total };
  }

  async get(caller: Caller, id: number): Promise<ProjectDto> {
    const project = await this.visible(caller, id);
    const manager = canAccess(caller.roles, 'project.manage');
    const stats = manager ? (await this.projects.stats([id])).get(id) : undefined;
    return mapProject(project, stats, manager);
  }

  /** The project as stored now; null when there is none. */
  find(id: number): Promise<Project | null> {
    return this.projects.findById(id);
  }

  /** Whether any project exists (the demo data fills an empty install only). */
  async hasProjects(): Promise<boolean> {
    const page = await this.projects.list({ filter: {}, offset: 0, limit: 1, sortField: 'id', sortOrder: 'ASC' });
    return page.total > 0;
  }

  /** The project if the caller may see it; hidden projects are reported as not found. */
  async visible(caller: Caller, id: number): Promise<Project> {
    const project = await this.cached(id);
    if (!project || (project.status !== 'active' && !canAccess(caller.roles, 'project.manage'))) {
      throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `Project ${id} not found`);
    }
    return project;
  }

  /** The project as read at most a couple of seconds ago (other instances' changes show up then). */
  cached(id: number): Promise<Project | null> {
    return this.cache.getOrLoad(id, this.readProject);
  }

  async create(body: CreateProjectDto): Promise<ProjectDto> {
    this.checkLabels(body.type, body.labels);
    const leaseSeconds = this.checkLease(body.leaseSeconds ?? this.config.defaultLeaseSeconds);
    const project = await this.projects.create({
      name: body.name.trim(),
      type: body.type,
      labels: body.labels,
      overlap: body.overlap,
      maxOverlap: this.checkMaxOverlap(body.maxOverlap ?? body.overlap, body.overlap),
      targetConfidence: body.targetConfidence ?? 0.8,
      goldRate: body.goldRate ?? 0.1,
      qualificationSize: body.qualificationSize ?? 4,
      qualificationMinAccuracy: body.qualificationMinAccuracy ?? 0.75,
      leaseSeconds,
      rewardPerLabel: body.rewardPerLabel,
      rewardBudget: body.rewardBudget ?? null,
      instructions: body.instructions ?? '',
      status: body.status ?? 'draft',
    });
    // An id asked for before it existed may be remembered as none.
    this.cache.delete(project.id);
    return mapProject(project, { items: 0, completedItems: 0, annotations: 0, discardedAnnotations: 0 });
  }

  async update(id: number, body: UpdateProjectDto): Promise<ProjectDto> {
    const project = await this.projects.findById(id);
    if (!project) throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `Project ${id} not found`);
    const type = (body.type ?? project.type) as ProjectType;
    const labels = body.labels ?? project.labels;
    const changes: Partial<ProjectFields> = {};
    if (body.type !== undefined && body.type !== project.type) {
      if ((await this.projects.countAnnotations(id)) > 0) {
        throw new ProjectException(ErrorCode.PROJECT_INVALID_CHANGE, 'The type cannot change once items are labeled', 'type');
      }
      changes.type = body.type;
    }
    if (body.labels !== undefined) {
      this.checkLabels(type, labels);
      const removed = project.labels.filter((label) => !labels.includes(label));
      const used = removed.length > 0 ? await this.projects.usedLabels(id) : new Set<string>();
      const orphaned = removed.filter((label) => used.has(label));
      if (orphaned.length > 0) {
        throw new ProjectException(ErrorCode.PROJECT_INVALID_CHANGE, `Labels in use cannot be removed: ${orphaned.join(', ')}`, 'labels');
      }
      changes.labels = labels;
    }
    if (body.name !== undefined) changes.name = body.name.trim();
    if (body.overlap !== undefined) changes.overlap = body.overlap;
    if (body.overlap !== undefined || body.maxOverlap !== undefined) {
      const overlap = body.overlap ?? project.overlap;
      changes.maxOverlap = this.checkMaxOverlap(body.maxOverlap ?? Math.max(project.maxOverlap, overlap), overlap);
    }
    if (body.targetConfidence !== undefined) changes.targetConfidence = body.targetConfidence;
    if (body.goldRate !== undefined) changes.goldRate = body.goldRate;
    if (body.qualificationSize !== undefined) changes.qualificationSize = body.qualificationSize;
    if (body.qualificationMinAccuracy !== undefined) changes.qualificationMinAccuracy = body.qualificationMinAccuracy;
    if (body.leaseSeconds !== undefined) changes.leaseSeconds = this.checkLease(body.leaseSeconds);
    if (body.rewardPerLabel !== undefined) changes.rewardPerLabel = body.rewardPerLabel;
    if (body.rewardBudget !== undefined) changes.rewardBudget = body.rewardBudget;
    if (body.instructions !== undefined) changes.instructions = body.instructions;
    if (body.status !== undefined) changes.status = body.status;
    const updated = await this.projects.update(id, changes);
    this.cache.delete(id);
    return mapProject(updated!, (await this.projects.stats([id])).get(id));
  }

  async delete(id: number): Promise<ProjectDto> {
    const project = await this.projects.findById(id);
    if (!project) throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `Project ${id} not found`);
    if ((await this.projects.countAnnotations(id)) > 0) {
      throw new ProjectException(ErrorCode.PROJECT_HAS_ANNOTATIONS, 'This project has labels; complete it instead of deleting it');
    }
    await this.projects.delete(id, (manager, removed) => this.credit.reverseRewardsOf(manager, removed, `project ${id} deleted`));
    this.cache.delete(id);
    return mapProject(project);
  }

  private checkLabels(type: ProjectType, labels: readonly string[]): void {
    const problem = checkLabels(type, labels);
    if (problem) throw new ProjectException(ErrorCode.VALIDATION_FAILED, `${problem.field} ${problem.message}`, problem.field);
  }

  private checkMaxOverlap(maxOverlap: number, overlap: number): number {
    if (maxOverlap < overlap) {
      throw new ProjectException(ErrorCode.VALIDATION_FAILED, `maxOverlap must be at least overlap (${overlap})`, 'maxOverlap');
    }
    return maxOverlap;
  }

  private checkLease(seconds: number): number {
    if (seconds > this.config.maxLeaseSeconds) {
      throw new ProjectException(
        ErrorCode.VALIDATION_FAILED,
        `leaseSeconds must be at most ${this.config.maxLeaseSeconds}`,
        'leaseSeconds',
      );
    }
    return seconds;
  }
}
