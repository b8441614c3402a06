import { Controller, Get, Param, Post, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators.js';
import { parseId } from '../http/list-query.js';
import { ProjectQualityDto } from './quality.dto.js';
import { QualityService } from './quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('project.manage')
@Controller('projects/:id/quality')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  @Get()
  @ApiOkResponse({ type: ProjectQualityDto, description: 'Item statuses, agreement, confidence histogram and annotator quality' })
  get(@Param('id') id: string): Promise<ProjectQualityDto> {
    return this.quality.projectQuality(parseId(id));
  }

  @Post('aggregate')
  @HttpCode(200)
  @ApiOkResponse({ type: ProjectQualityDto, description: 'Aggregates the project now and answers the new numbers' })
  aggregate(@Param('id') id: string): Promise<ProjectQualityDto> {
    return this.quality.aggregateNow(parseId(id));
  }
}
