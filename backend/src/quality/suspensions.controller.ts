import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateSuspensionDto, SUSPENSION_FILTERS, SUSPENSION_SORTS, SuspensionDto, UpdateSuspensionDto } from './suspensions.dto.js';
import { SuspensionsService } from './suspensions.service.js';

/** Suspension history; admins suspend by hand and lift suspensions (react-admin simple-rest). */
@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('user.manage')
@Controller('suspensions')
export class SuspensionsController {
  constructor(private readonly suspensions: SuspensionsService) {}

  @Get()
  @ApiOkResponse({ type: SuspensionDto, isArray: true })
  async list(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<SuspensionDto[]> {
    const query = parseListQuery(raw, { filters: SUSPENSION_FILTERS, sorts: SUSPENSION_SORTS, defaultSort: 'id' });
    const page = await this.suspensions.list(query);
    void reply.header('Content-Range', contentRange('suspensions', query, page));
    return page.rows;
  }

  @Get(':id')
  @ApiOkResponse({ type: SuspensionDto })
  get(@Param('id') id: string): Promise<SuspensionDto> {
    return this.suspensions.get(parseId(id));
  }

  @Post()
  @ApiCreatedResponse({ type: SuspensionDto })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSuspensionDto): Promise<SuspensionDto> {
    return this.suspensions.suspendByAdmin(caller, body.annotatorId, body.note);
  }

  @Put(':id')
  @ApiOkResponse({ type: SuspensionDto, description: 'Lifts the suspension ({active: false}); discarded labels stay discarded' })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() _body: UpdateSuspensionDto): Promise<SuspensionDto> {
    return this.suspensions.lift(parseId(id), caller);
  }
}
