import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { parseId } from '../http/list-query.js';
import { CorrectLabelDto, MyLabelDetailDto, MyLabelsDto } from './my-labels.dto.js';
import { MyLabelsService } from './my-labels.service.js';

/** The signed-in annotator's own labels: where they stand with the quality check, and corrections. */
@ApiTags('annotations')
@ApiBearerAuth()
@RequirePermission('assignment.work')
@Controller('me/labels')
export class MyLabelsController {
  constructor(private readonly labels: MyLabelsService) {}

  @Get()
  @ApiOkResponse({ type: MyLabelsDto, description: 'Counts by standing, trust per project and the latest labels' })
  overview(@CurrentCaller() caller: Caller): Promise<MyLabelsDto> {
    return this.labels.overview(caller);
  }

  @Get(':id')
  @ApiOkResponse({ type: MyLabelDetailDto })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<MyLabelDetailDto> {
    return this.labels.get(caller, parseId(id));
  }

  @Put(':id')
  @ApiOkResponse({
    type: MyLabelDetailDto,
    description: 'Corrects the label while its item is still open (409 ASSIGNMENT_CLOSED once the quality check decided it)',
  })
  correct(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CorrectLabelDto): Promise<MyLabelDetailDto> {
    return this.labels.correct(caller, parseId(id), body.result);
  }
}
