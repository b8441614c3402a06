import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators.js';
import { parseId } from '../http/list-query.js';
import { AnnotatorQualityDto } from './annotator-quality.dto.js';
import { AnnotatorQualityService } from './annotator-quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('user.manage')
@Controller('annotators/:id/quality')
export class AnnotatorQualityController {
  constructor(private readonly annotatorQuality: AnnotatorQualityService) {}

  @Get()
  @ApiQuery({ name: 'projectId', required: false, type: Number, description: 'Limits days and confusion matrices to one project' })
  @ApiOkResponse({
    type: AnnotatorQualityDto,
    description: 'Per-project scores, accuracy per day, confusion matrices (classification) and suspension history',
  })
  get(@Param('id') id: string, @Query('projectId') projectId?: string): Promise<AnnotatorQualityDto> {
    return this.annotatorQuality.annotatorQuality(parseId(id), projectId === undefined ? null : parseId(projectId, 'projectId'));
  }
}
