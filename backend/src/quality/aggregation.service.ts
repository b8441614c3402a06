import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ProjectType } from '../projects/domain/label-schema.js';
import { ProjectsService } from '../projects/projects.service.js';
import { QUEUE_PORT, type QueuePort } from '../queue/queue.port.js';
import { CreditService } from '../rewards/credit.service.js';
import { AggregationRunner } from './aggregation-runner.js';
import { cheatReasons, DEFAULT_POLICY, type AntiCheatPolicy, type LabelFacts } from './domain/anti-cheat.js';
import { matchesGold } from './domain/gold-check.js';
import type { ProjectLabels, WorkerScore } from './domain/project-aggregation.js';
import { qualificationStatus } from './domain/qualification.js';
import { trustOf } from './domain/trust.js';
import { QualificationsRepository } from './qualifications.repository.js';
import { QualityRepository, type ItemRow, type LabelRow, type UnansweredGoldRow } from './quality.repository.js';
import { ReviewsRepository } from './reviews.repository.js';
import { SuspensionsService } from './suspensions.service.js';

export const AGGREGATE_QUEUE = 'quality.aggregate';
/** Submits within this window share one aggregation run. */
const DEBOUNCE_SECONDS = 2;

/**
 * Background aggregation: submits schedule their project (at most one waiting run per project);
 * a run recomputes the whole project from the stored labels, so it is idempotent and a crashed run
 * is simply retried.
 */
@Injectable()
export class AggregationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner = new AggregationRunner();
  private readonly logger = new Logger(AggregationService.name);
  /** Projects scheduled lately by this instance, until when: saves a queue write per submit. */
  private readonly recentlyScheduled = new Map<number, number>();
  /** Per project, the send due when its window in `recentlyScheduled` ends, for the calls it skipped. */
  private readonly trailing = new Map<number, NodeJS.Timeout>();
  /** How long each project's last run took: big projects are aggregated less often. */
  private readonly lastRunMs = new Map<number, number>();
  private readonly policy: AntiCheatPolicy;

  constructor(
    @Inject(QUEUE_PORT) private readonly queue: QueuePort,
    private readonly quality: QualityRepository,
    private readonly projects: ProjectsService,
    private readonly suspensions: SuspensionsService,
    private readonly reviews: ReviewsRepository,
    private readonly qualifications: QualificationsRepository,
    private readonly credit: CreditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = { ...DEFAULT_POLICY, minLabels: config.antiCheat.minLabels, minMedianTimeMs: config.antiCheat.minMedianMs };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.declare(AGGREGATE_QUEUE, { onePerKey: true });
    await this.queue.work<{ projectId: number }>(
      AGGREGATE_QUEUE,
      async (jobs) => {
        for (const job of jobs) await this.aggregate(job.data.projectId);
      },
      { pollingIntervalSeconds: 1 },
    );
    // Resume what a crashed or stopped instance left unaggregated.
    for (const projectId of await this.quality.staleProjects()) this.schedule(projectId);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.trailing.values()) clearTimeout(timer);
    this.trailing.clear();
    await this.runner.close();
  }

  /** Asks for an aggregation of the project soon. Cheap to call on every submit. */
  schedule(projectId: number): void {
    const now = Date.now();
    const until = this.recentlyScheduled.get(projectId) ?? 0;
    if (until > now) {
      // Skipped, so sent once more when the window ends. The job sent when it opened may not cover
      // this call's labels: when one was waiting already (sent by another process, or overdue because
      // the workers are busy or the database was away), that send was dropped for it, and it may
      // start before them. Without this, the project's last labels could go unaggregated for good.
      if (!this.trailing.has(projectId)) {
        const timer = setTimeout(() => {
          this.trailing.delete(projectId);
          this.schedule(projectId);
        }, until - now);
        timer.unref();
        this.trailing.set(projectId, timer);
      }
      return;
    }
    // At most ~3% of the time goes to aggregating a project, whatever its size.
    const delaySeconds = Math.max(DEBOUNCE_SECONDS, Math.ceil(((this.lastRunMs.get(projectId) ?? 0) * 30) / 1000));
    this.recentlyScheduled.set(projectId, now + delaySeconds * 1000);
    this.queue
      .send(AGGREGATE_QUEUE, { projectId }, { singletonKey: String(projectId), startAfterSeconds: delaySeconds })
      .catch((error: unknown) => {
        this.recentlyScheduled.delete(projectId);
        this.logger.warn(`could not schedule aggregation of project ${projectId}: ${String(error)}`);
      });
  }

  /**
   * Recomputes every item decision and worker score of the project, and suspends annotators the
   * anti-cheat rules catch (their labels then stop counting, so the project is computed again).
   */
  async aggregate(projectId: number): Promise<void> {
    const project = await this.projects.find(projectId);
    if (!project) return;
    const started = Date.now();
    this.logger.log(`project ${projectId}: aggregating`);
    for (let round = 0; round < 2; round++) {
      const [{ items: loaded, labels, unansweredGold }, reviewed] = await Promise.all([
        this.quality.projectLabels(projectId),
        this.reviews.acceptedAnswers(projectId),
      ]);
      // A reviewer's accepted answer is ground truth, like gold: held fixed, and it scores annotators.
      const items = loaded.map((item) => (reviewed.has(item.id) && !item.gold ? { ...item, gold: reviewed.get(item.id)! } : item));
      const trust = new Map((await this.quality.workers(projectId)).map((w) => [w.annotatorId, trustOf(w)]));
      const input: ProjectLabels = {
        type: project.type as ProjectType,
        labels: project.labels,
        items,
        annotations: labels,
        unansweredGold,
        targetConfidence: project.targetConfidence,
        minLabels: project.overlap,
        maxOverlap: project.maxOverlap,
        trust,
      };
      const decision = await this.runner.run(input);
      await this.quality.saveResults(projectId, decision.method, decision.items, decision.workers, decision.grow, decision.selection);
      // Rewards follow the new decisions (the rewards module credits; idempotent, one job per project).
      await this.credit.schedule(projectId);
      const failed = await this.qualify(project, loaded.filter((i) => i.gold).length, decision.workers);
      const suspended = this.config.autoSuspend
        ? await this.enforce(projectId, project.type as ProjectType, items, labels, unansweredGold)
        : 0;
      this.lastRunMs.set(projectId, Date.now() - started);
      this.logger.log(`project ${projectId}: ${decision.items.length} items aggregated (${decision.method}) in ${Date.now() - started} ms`);
      if (suspended + failed === 0) return;
    }
  }

  /**
   * Gives the qualification verdict to annotators who have answered enough gold items; answers how
   * many failed (their labels in the project were withdrawn).
   */
  private async qualify(
    project: { id: number; qualificationSize: number; qualificationMinAccuracy: number },
    goldInProject: number,
    workers: readonly WorkerScore[],
  ): Promise<number> {
    if (goldInProject === 0 || project.qualificationSize === 0) return 0;
    const rule = { size: project.qualificationSize, minAccuracy: project.qualificationMinAccuracy };
    const decided = await this.qualifications.decided(project.id);
    let failed = 0;
    for (const worker of workers) {
      if (decided.has(worker.annotatorId)) continue;
      const verdict = qualificationStatus(rule, goldInProject, worker);
      if (verdict === 'qualifying') continue;
      if ((await this.qualifications.decide(project.id, worker.annotatorId, verdict, worker)) && verdict === 'failed') {
        failed++;
        this.logger.warn(`annotator ${worker.annotatorId} failed the qualification of project ${project.id}`);
      }
    }
    return failed;
  }

  /**
   * Applies the anti-cheat rules to every annotator of the project, on what the server measured (time
   * from lease to submit, gold items answered or dodged); answers how many it suspended.
   */
  private async enforce(
    projectId: number,
    type: ProjectType,
    items: readonly ItemRow[],
    labels: readonly LabelRow[],
    unansweredGold: readonly UnansweredGoldRow[],
  ): Promise<number> {
    const gold = new Map(items.filter((i) => i.gold).map((i) => [i.id, i]));
    const answerOf = (result: Record<string, unknown>): string =>
      typeof result['label'] === 'string' ? result['label'] : JSON.stringify(result);
    const byWorker = new Map<number, { labels: LabelFacts[]; goldUnanswered: number }>();
    const factsOf = (annotatorId: number): { labels: LabelFacts[]; goldUnanswered: number } => {
      let facts = byWorker.get(annotatorId);
      if (!facts) byWorker.set(annotatorId, (facts = { labels: [], goldUnanswered: 0 }));
      return facts;
    };
    const crowd = new Map<string, number>();
    for (const label of labels) {
      const answer = answerOf(label.result);
      crowd.set(answer, (crowd.get(answer) ?? 0) + 1);
      const goldItem = gold.get(label.itemId);
      factsOf(label.annotatorId).labels.push({
        serverTimeMs: label.serverTimeMs,
        answer,
        ...(goldItem ? { goldCorrect: matchesGold(type, goldItem.data, goldItem.gold, label.submitted) } : {}),
      });
    }
    for (const dodged of unansweredGold) if (gold.has(dodged.itemId)) factsOf(dodged.annotatorId).goldUnanswered++;
    const crowdTopShare = labels.length === 0 ? 0 : Math.max(...crowd.values()) / labels.length;
    let suspended = 0;
    for (const [annotatorId, facts] of byWorker) {
      const reasons = cheatReasons(facts, crowdTopShare, this.policy);
      if (reasons.length === 0) continue;
      if (await this.suspensions.suspend(annotatorId, projectId, reasons)) {
        suspended++;
        this.logger.warn(`annotator ${annotatorId} suspended in project ${projectId}: ${reasons.map((r) => r.rule).join(', ')}`);
      }
    }
    return suspended;
  }
}
