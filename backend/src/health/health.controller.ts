import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { HealthDto, ReadinessDto } from './health.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** Liveness, for restarts: the process serves. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  health(): Promise<HealthDto> {
    return this.service.check();
  }

  /** Readiness, for load balancers: database, queue, chain and storage all answer. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Every dependency answered' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'A dependency is down or did not answer in time' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const readiness = await this.service.ready();
    if (readiness.status !== 'ready') void reply.status(503);
    return readiness;
  }
}
