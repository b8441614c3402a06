import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { contentRange, parseListQuery } from '../http/list-query.js';
import { RateLimitGroup } from '../http/rate-limits.js';
import { MARKET_FILTERS, MARKET_SORTS, MarketAssetDto, MarketAssetPageDto, MarketSampleQueryDto } from './market.dto.js';
import { MarketService } from './market.service.js';

/** The buyers' catalogue as an API for scripts (and the /market app). */
@ApiTags('market')
@Controller('market/assets')
export class MarketController {
  constructor(private readonly market: MarketService) {}

  @Get()
  @Public()
  @RateLimitGroup('catalogue')
  @ApiQuery({
    name: 'q',
    required: false,
    description: 'Full text over name, description, tags and labels (web search syntax: "quoted phrase", -word, or)',
  })
  @ApiQuery({ name: 'filter', required: false, description: `JSON object: ${MARKET_FILTERS.join(', ')}` })
  @ApiQuery({
    name: 'sort',
    required: false,
    description: `["newest"|"price"|"quality"|"sales", "ASC"|"DESC"] (default ["newest","DESC"])`,
  })
  @ApiQuery({ name: 'range', required: false, description: '[start, end] (default [0, 24])' })
  @ApiHeader({
    name: 'X-Facets',
    required: false,
    description: 'In the answer: JSON {taskType, license, kind, free, external}: count of listings per value under the same q and filter',
  })
  @ApiOkResponse({ type: MarketAssetDto, isArray: true, description: 'Listings; Content-Range; facet counts in the X-Facets header' })
  async list(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<MarketAssetDto[]> {
    const { q, ...rest } = raw;
    const query = parseListQuery(rest.sort ? rest : { ...rest, sort: '["newest","DESC"]' }, {
      filters: MARKET_FILTERS,
      sorts: MARKET_SORTS,
      defaultSort: 'newest',
    });
    const page = await this.market.list(query, q);
    void reply.header('Content-Range', contentRange('assets', query, page));
    void reply.header('X-Facets', asciiJson(page.facets));
    return page.rows;
  }

  @Get(':did')
  @Public()
  @ApiOkResponse({ type: MarketAssetPageDto })
  get(@Param('did') did: string): Promise<MarketAssetPageDto> {
    return this.market.get(did);
  }

  @Get(':did/sample')
  @Public()
  @ApiOkResponse({
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
    description: "Up to 5 records of the split, as the JSONL's rows without the annotators' individual labels",
  })
  sample(@Param('did') did: string, @Query() query: MarketSampleQueryDto): Promise<Array<Record<string, unknown>>> {
    return this.market.sample(did, query.split);
  }

  @Get(':did/croissant.json')
  @Public()
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'Croissant 1.0 metadata of a Tessera asset' })
  async croissant(@Param('did') did: string, @Res() reply: FastifyReply): Promise<void> {
    const opened = await this.market.croissant(did);
    void reply
      .status(200)
      .header('content-type', 'application/ld+json')
      .header('content-length', String(opened.end - opened.start + 1));
    await reply.send(Readable.from(opened.body));
  }
}

/**
 * JSON in ASCII only: every character past U+007E as a \u escape (JSON.parse restores it). A header
 * may not carry characters past U+00FF, and licences and task types of outside listings can.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
