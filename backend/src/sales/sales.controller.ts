import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import {
  ListingDto,
  PurchaseDto,
  RevenueDto,
  SALE_FILTERS,
  SALE_SORTS,
  SaleDto,
  SalesSettingsDto,
  SetListingDto,
  UpdateSalesSettingsDto,
} from './sales.dto.js';
import { UserDto } from '../users/user.dto.js';
import { SalesService } from './sales.service.js';

/** The console's sales: orders, revenue per dataset and per annotator, the annotators' share. */
@ApiTags('sales')
@ApiBearerAuth()
@RequirePermission('dataset.manage')
@Controller('sales')
export class SalesController {
  constructor(private readonly sales: SalesService) {}

  @Get()
  @ApiOkResponse({
    type: SaleDto,
    isArray: true,
    description: 'react-admin list: filter {id, versionId, consumer, payer}, sort, range; Content-Range',
  })
  async list(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<SaleDto[]> {
    const query = parseListQuery(raw, { filters: SALE_FILTERS, sorts: SALE_SORTS });
    const page = await this.sales.list(query);
    void reply.header('Content-Range', contentRange('sales', query, page));
    return page.rows;
  }

  @Get('revenue')
  @ApiOkResponse({ type: RevenueDto, description: 'Sales and revenue per dataset version, and what each annotator got from sales' })
  revenue(): Promise<RevenueDto> {
    return this.sales.revenue();
  }

  @Get('settings')
  @ApiOkResponse({ type: SalesSettingsDto })
  settings(): Promise<SalesSettingsDto> {
    return this.sales.settings();
  }

  @Put('settings')
  @RequirePermission('rewards.manage')
  @ApiOkResponse({ type: SalesSettingsDto, description: 'Applies to sales recorded from now on' })
  updateSettings(@CurrentCaller() caller: Caller, @Body() body: UpdateSalesSettingsDto): Promise<SalesSettingsDto> {
    return this.sales.updateSettings(body.shareBps, caller.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: SaleDto })
  get(@Param('id') id: string): Promise<SaleDto> {
    return this.sales.get(parseId(id));
  }
}

/** Listing and unlisting a published version on the market (its NFT's metadata state). */
@ApiTags('sales')
@ApiBearerAuth()
@RequirePermission('dataset.manage')
@Controller('datasets')
export class ListingController {
  constructor(private readonly sales: SalesService) {}

  @Get(':id/listing')
  @ApiOkResponse({ type: ListingDto })
  get(@Param('id') id: string): Promise<ListingDto> {
    return this.sales.listing(parseId(id));
  }

  @Post(':id/listing')
  @HttpCode(200)
  @ApiOkResponse({ type: ListingDto, description: 'The state change is queued in the outbox (status queued, then confirmed)' })
  set(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: SetListingDto): Promise<ListingDto> {
    return this.sales.setListing(parseId(id), body.listed, caller.id);
  }
}

/** A buyer's own purchases. */
@ApiTags('market')
@ApiBearerAuth()
@Controller('market')
export class PurchasesController {
  constructor(private readonly sales: SalesService) {}

  @Get('purchases')
  @ApiOkResponse({ type: PurchaseDto, isArray: true, description: 'Orders the signed-in wallet placed or paid for, newest first' })
  purchases(@CurrentCaller() caller: Caller): Promise<PurchaseDto[]> {
    return this.sales.purchases(caller);
  }

  @Post('buyer')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto, description: 'The caller with the buyer role, which signing in on /market gives' })
  becomeBuyer(@CurrentCaller() caller: Caller): Promise<UserDto> {
    return this.sales.becomeBuyer(caller);
  }
}
