import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { RateLimitGroup } from '../http/rate-limits.js';
import {
  DdoValidationDto,
  METADATA_SCHEMA,
  QUERY_BODY_SCHEMA,
  RESOLVED_ASSET_SCHEMA,
  SEARCH_HITS_SCHEMA,
  ValidateDdoDto,
} from './aquarius.dto.js';
import { AquariusService } from './aquarius.service.js';

/** Ocean's metadata role on Ocean Node's paths, so ocean.js's Aquarius class works against Tessera unchanged. */
@ApiTags('aquarius')
@Controller('aquarius/assets')
export class AquariusController {
  constructor(private readonly aquarius: AquariusService) {}

  @Get('ddo/:did')
  @Public()
  @ApiOkResponse({ schema: RESOLVED_ASSET_SCHEMA, description: 'The resolved asset (Aquarius.resolve, waitForIndexer); 404 when unknown' })
  resolve(@Param('did') did: string): Promise<Record<string, unknown>> {
    return this.aquarius.resolve(did);
  }

  @Get('metadata/:did')
  @Public()
  @ApiOkResponse({ schema: METADATA_SCHEMA })
  metadata(@Param('did') did: string): Promise<Record<string, unknown>> {
    return this.aquarius.metadata(did);
  }

  @Post('query')
  @Public()
  @RateLimitGroup('catalogue')
  @HttpCode(200)
  @ApiBody({ schema: QUERY_BODY_SCHEMA })
  @ApiOkResponse({ schema: SEARCH_HITS_SCHEMA, description: 'The path ocean.js 8.6.2 calls' })
  query(@Body() body: Record<string, unknown>): Promise<unknown> {
    return this.aquarius.query(body);
  }

  @Post('metadata/query')
  @Public()
  @RateLimitGroup('catalogue')
  @HttpCode(200)
  @ApiBody({ schema: QUERY_BODY_SCHEMA })
  @ApiOkResponse({ schema: SEARCH_HITS_SCHEMA, description: 'The path Ocean Node serves' })
  metadataQuery(@Body() body: Record<string, unknown>): Promise<unknown> {
    return this.aquarius.query(body);
  }

  @Post('ddo/validate')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: DdoValidationDto })
  validate(@Body() body: ValidateDdoDto): Promise<DdoValidationDto> {
    return this.aquarius.validate(body);
  }
}
