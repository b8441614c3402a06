import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators.js';
import { parseId } from '../http/list-query.js';
import { ProjectQualityDto, QualificationDto } from './quality.dto.js';
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

  @Get('qualifications')
  @ApiOkResponse({ type: QualificationDto, isArray: true, description: "Annotators' qualification verdicts, newest first" })
  qualifications(@Param('id') id: string): Promise<QualificationDto[]> {
    return this.quality.qualifications(parseId(id));
  }

  @Delete('qualifications/:annotatorId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The annotator may take the qualification again (withdrawn labels stay withdrawn)' })
  resetQualification(@Param('id') id: string, @Param('annotatorId') annotatorId: string): Promise<void> {
    return this.quality.resetQualification(parseId(id), parseId(annotatorId, 'annotatorId'));
  }
}
