import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators.js';
import { DashboardDto } from './stats.dto.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('dashboard')
  @RequirePermission('project.manage')
  @ApiOkResponse({ type: DashboardDto, description: 'Labels per day, active annotators and projects’ progress for the console' })
  dashboard(): Promise<DashboardDto> {
    return this.stats.dashboard();
  }
}
