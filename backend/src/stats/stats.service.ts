import { Injectable } from '@nestjs/common';
import type { DashboardDto } from './stats.dto.js';
import { StatsRepository } from './stats.repository.js';

/** Days of labels the console's dashboard charts. */
const DASHBOARD_DAYS = 30;
/** Projects the dashboard lists (active first, then the most recently changed). */
const DASHBOARD_PROJECTS = 20;

/** Figures for the console's dashboard. */
@Injectable()
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  async dashboard(): Promise<DashboardDto> {
    const [labelsPerDay, activeAnnotators, totals, projects] = await Promise.all([
      this.stats.labelsPerDay(DASHBOARD_DAYS),
      this.stats.activeAnnotators(),
      this.stats.totals(),
      this.stats.projectProgress(DASHBOARD_PROJECTS),
    ]);
    return { labelsPerDay, activeAnnotators, totals, projects };
  }
}
