import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { CHAIN_TX_FILTERS, CHAIN_TX_SORTS, PayoutTxDto } from '../chain/chain-tx.dto.js';
import { ChainTxsService } from '../chain/chain-txs.service.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { EarningsService } from './earnings.service.js';
import { LedgerService } from './ledger.service.js';
import { RewardsAdminService } from './rewards-admin.service.js';
import {
  ChainInfoDto,
  CloseEpochDto,
  EarningsDto,
  EPOCH_FILTERS,
  EPOCH_SORTS,
  EpochDto,
  LEDGER_FILTERS,
  LEDGER_SORTS,
  LedgerEntryDto,
  ProofDto,
  RelayedClaimDto,
  SweepQueuedDto,
} from './rewards.dto.js';

/** An annotator's earnings, proofs and claims. */
@ApiTags('rewards')
@ApiBearerAuth()
@RequirePermission('rewards.own')
@Controller('me')
export class EarningsController {
  constructor(private readonly earnings: EarningsService) {}

  @Get('earnings')
  @ApiOkResponse({ type: EarningsDto })
  get(@CurrentCaller() caller: Caller): Promise<EarningsDto> {
    return this.earnings.earnings(caller);
  }

  @Get('epochs/:id/proof')
  @ApiOkResponse({ type: ProofDto, description: "The caller's leaf and Merkle proof, as PayoutDistributor.claim takes them" })
  proof(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ProofDto> {
    return this.earnings.proof(caller, parseId(id));
  }

  @Post('epochs/:id/claim')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RelayedClaimDto, description: "Claims on the caller's behalf; the platform pays the gas" })
  claim(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<RelayedClaimDto> {
    return this.earnings.relayClaim(caller, parseId(id));
  }
}

/** Epochs, the ledger, the platform's transactions and the token, for admins (react-admin simple-rest). */
@ApiTags('rewards')
@ApiBearerAuth()
@RequirePermission('rewards.manage')
@Controller()
export class RewardsAdminController {
  constructor(
    private readonly admin: RewardsAdminService,
    private readonly ledger: LedgerService,
    private readonly txs: ChainTxsService,
  ) {}

  @Get('epochs')
  @ApiOkResponse({ type: EpochDto, isArray: true })
  async listEpochs(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<EpochDto[]> {
    const query = parseListQuery(raw, { filters: EPOCH_FILTERS, sorts: EPOCH_SORTS, defaultSort: 'id' });
    const page = await this.admin.listEpochs(query);
    void reply.header('Content-Range', contentRange('epochs', query, page));
    return page.rows;
  }

  @Get('epochs/:id')
  @ApiOkResponse({ type: EpochDto })
  getEpoch(@Param('id') id: string): Promise<EpochDto> {
    return this.admin.epoch(parseId(id));
  }

  @Post('epochs')
  @ApiCreatedResponse({
    type: EpochDto,
    description: 'Closes an epoch: totals per annotator, Merkle root, and the payout transactions queued',
  })
  closeEpoch(@CurrentCaller() caller: Caller, @Body() body: CloseEpochDto): Promise<EpochDto> {
    return this.admin.closeEpoch(body.mode, body.expiresInDays, caller.id);
  }

  @Post('epochs/:id/void')
  @ApiOkResponse({
    type: EpochDto,
    description:
      'Voids an epoch that failed for good: its unpaid allocations are due again (next epoch); refused (409) while a transaction could still be mined or once its root is on chain',
  })
  voidEpoch(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EpochDto> {
    return this.admin.voidEpoch(parseId(id), caller.id);
  }

  @Post('epochs/:id/sweep')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: SweepQueuedDto,
    description: "Queues the sweep of an expired epoch's unclaimed tokens back to the operator",
  })
  sweep(@Param('id') id: string): Promise<{ status: string }> {
    return this.admin.sweepEpoch(parseId(id));
  }

  @Get('ledger')
  @ApiOkResponse({ type: LedgerEntryDto, isArray: true })
  async listLedger(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<LedgerEntryDto[]> {
    const query = parseListQuery(raw, { filters: LEDGER_FILTERS, sorts: LEDGER_SORTS, defaultSort: 'id' });
    const page = await this.ledger.list(query);
    void reply.header('Content-Range', contentRange('ledger', query, page));
    return page.rows;
  }

  @Get('payouts')
  @ApiOkResponse({ type: PayoutTxDto, isArray: true, description: "The platform's chain transactions, from intent to confirmation" })
  async listPayouts(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<PayoutTxDto[]> {
    const query = parseListQuery(raw, { filters: CHAIN_TX_FILTERS, sorts: CHAIN_TX_SORTS, defaultSort: 'id' });
    const page = await this.txs.list(query);
    void reply.header('Content-Range', contentRange('payouts', query, page));
    return page.rows;
  }

  @Get('chain')
  @ApiOkResponse({ type: ChainInfoDto })
  chainInfo(): Promise<ChainInfoDto> {
    return this.admin.chainInfo();
  }
}
