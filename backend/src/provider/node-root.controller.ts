import { existsSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PublicCors } from '../http/cors.js';
import { prefersHtml } from './accept.util.js';
import { NodeRootDto } from './provider.dto.js';
import { ProviderService } from './provider.service.js';

/**
 * `GET /` (outside the /api prefix): an Ocean Node's root for scripts (ocean.js discovers the
 * provider's paths there), the browser app for browsers.
 */
@ApiTags('provider')
@Controller()
export class NodeRootController {
  private readonly appServed: boolean;

  constructor(
    private readonly provider: ProviderService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.appServed = config.frontendDir !== undefined && existsSync(path.join(config.frontendDir, 'index.html'));
  }

  @Public()
  @PublicCors()
  @Get()
  @ApiOkResponse({ type: NodeRootDto, description: "Ocean Node's root; a browser (Accept preferring text/html) is sent to /label" })
  async root(@Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (this.appServed && prefersHtml(accept)) await reply.redirect('/label', 302);
    else await reply.send(this.provider.root());
  }
}
