import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateSuspensionDto, mapSuspension, SuspensionDto, UpdateSuspensionDto } from './suspensions.dto.js';
import { SUSPENSION_FILTERS, SUSPENSION_SORTS, SuspensionsRepository } from './suspensions.repository.js';
import { SuspensionsService } from './suspensions.service.js';

/** Suspension history; admins suspend by hand and lift suspensions (react-admin simple-rest). */
@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('user.manage')
@Controller('suspensions')
export class SuspensionsController {
  constructor(
    private readonly suspensions: SuspensionsRepository,
    private readonly status: SuspensionsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SuspensionDto, isArray: true })
  async list(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<SuspensionDto[]> {
    const query = parseListQuery(raw, { filters: SUSPENSION_FILTERS, sorts: SUSPENSION_SORTS, defaultSort: 'id' });
    const page = await this.suspensions.list(query);
    void reply.header('Content-Range', contentRange('suspensions', query, page));
    return page.rows.map(mapSuspension);
  }

  @Get(':id')
  @ApiOkResponse({ type: SuspensionDto })
  async get(@Param('id') id: string): Promise<SuspensionDto> {
    const row = await this.suspensions.findById(parseId(id));
    if (!row) throw new AppException(ErrorCode.SUSPENSION_NOT_FOUND, `Suspension ${id} not found`);
    return mapSuspension(row);
  }

  @Post()
  @ApiCreatedResponse({ type: SuspensionDto })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateSuspensionDto): Promise<SuspensionDto> {
    const reasons = [{ rule: 'admin', by: caller.id, note: body.note ?? '' }];
    await this.status.suspend(body.annotatorId, null, reasons);
    const page = await this.suspensions.list({
      filter: { annotatorId: body.annotatorId, active: true },
      offset: 0,
      limit: 1,
      sortField: 'id',
      sortOrder: 'DESC',
    });
    if (!page.rows[0]) throw new AppException(ErrorCode.USER_NOT_FOUND, `User ${body.annotatorId} not found`, 'annotatorId');
    return mapSuspension(page.rows[0]);
  }

  @Put(':id')
  @ApiOkResponse({ type: SuspensionDto, description: 'Lifts the suspension ({active: false}); discarded labels stay discarded' })
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() _body: UpdateSuspensionDto): Promise<SuspensionDto> {
    const lifted = await this.status.lift(parseId(id), caller.id);
    if (!lifted) throw new AppException(ErrorCode.SUSPENSION_NOT_FOUND, `Suspension ${id} not found`);
    return mapSuspension((await this.suspensions.findById(lifted.id))!);
  }
}
