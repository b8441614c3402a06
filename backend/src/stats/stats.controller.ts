import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators.js';
import { DashboardDto } from './stats.dto.js';
import { StatsRepository } from './stats.repository.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsRepository) {}

  @Get('dashboard')
  @RequirePermission('project.manage')
  @ApiOkResponse({ type: DashboardDto, description: 'Labels per day, active annotators and projects’ progress for the console' })
  async dashboard(): Promise<DashboardDto> {
    const [labelsPerDay, activeAnnotators, totals, projects] = await Promise.all([
      this.stats.labelsPerDay(30),
      this.stats.activeAnnotators(),
      this.stats.totals(),
      this.stats.projectProgress(20),
    ]);
    return { labelsPerDay, activeAnnotators, totals, projects };
  }
}
