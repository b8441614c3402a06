import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { formatEther, getAddress } from 'ethers';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { CHAIN_TX_FILTERS, CHAIN_TX_SORTS, ChainTxsRepository } from '../chain/chain-txs.repository.js';
import { ErrorCode } from '../errors/app.exception.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { formatTokens, parseTokens } from './domain/reward-math.js';
import { EarningsService } from './earnings.service.js';
import { EPOCH_FILTERS, EPOCH_SORTS, EpochsRepository } from './epochs.repository.js';
import { EpochsService, RewardsException, tokenAbi } from './epochs.service.js';
import { LEDGER_FILTERS, LEDGER_SORTS, LedgerRepository } from './ledger.repository.js';
import {
  ChainInfoDto,
  CloseEpochDto,
  EarningsDto,
  EpochDto,
  LedgerEntryDto,
  mapEpoch,
  PayoutTxDto,
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
    private readonly epochs: EpochsRepository,
    private readonly epochsService: EpochsService,
    private readonly ledger: LedgerRepository,
    private readonly txs: ChainTxsRepository,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
  ) {}

  @Get('epochs')
  @ApiOkResponse({ type: EpochDto, isArray: true })
  async listEpochs(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<EpochDto[]> {
    const query = parseListQuery(raw, { filters: EPOCH_FILTERS, sorts: EPOCH_SORTS, defaultSort: 'id' });
    const page = await this.epochs.list(query);
    void reply.header('Content-Range', contentRange('epochs', query, page));
    return page.rows.map(mapEpoch);
  }

  @Get('epochs/:id')
  @ApiOkResponse({ type: EpochDto })
  async getEpoch(@Param('id') id: string): Promise<EpochDto> {
    const row = await this.epochs.findById(parseId(id));
    if (!row) throw new RewardsException(ErrorCode.EPOCH_NOT_FOUND, `Epoch ${id} not found`);
    return mapEpoch(row);
  }

  @Post('epochs')
  @ApiCreatedResponse({
    type: EpochDto,
    description: 'Closes an epoch: totals per annotator, Merkle root, and the payout transactions queued',
  })
  async closeEpoch(@CurrentCaller() caller: Caller, @Body() body: CloseEpochDto): Promise<EpochDto> {
    return mapEpoch(await this.epochsService.close(body.mode, body.expiresInDays, caller.id));
  }

  @Post('epochs/:id/void')
  @ApiOkResponse({
    type: EpochDto,
    description:
      'Voids an epoch that failed for good: its unpaid allocations are due again (next epoch); refused (409) while a transaction could still be mined or once its root is on chain',
  })
  async voidEpoch(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<EpochDto> {
    return mapEpoch(await this.epochsService.void(parseId(id), caller.id));
  }

  @Post('epochs/:id/sweep')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: SweepQueuedDto,
    description: "Queues the sweep of an expired epoch's unclaimed tokens back to the operator",
  })
  async sweep(@Param('id') id: string): Promise<{ status: string }> {
    await this.epochsService.sweep(parseId(id));
    return { status: 'queued' };
  }

  @Get('ledger')
  @ApiOkResponse({ type: LedgerEntryDto, isArray: true })
  async listLedger(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<LedgerEntryDto[]> {
    const query = parseListQuery(raw, { filters: LEDGER_FILTERS, sorts: LEDGER_SORTS, defaultSort: 'id' });
    const page = await this.ledger.list(query);
    void reply.header('Content-Range', contentRange('ledger', query, page));
    return page.rows.map((r) => ({
      id: r.id,
      annotatorId: r.annotatorId,
      address: getAddress(r.address),
      projectId: r.projectId,
      projectName: r.projectName,
      annotationId: r.annotationId,
      kind: r.kind,
      amount: formatTokens(BigInt(r.amount)),
      multiplierBps: r.multiplierBps,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  @Get('payouts')
  @ApiOkResponse({ type: PayoutTxDto, isArray: true, description: "The platform's chain transactions, from intent to confirmation" })
  async listPayouts(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<PayoutTxDto[]> {
    const query = parseListQuery(raw, { filters: CHAIN_TX_FILTERS, sorts: CHAIN_TX_SORTS, defaultSort: 'id' });
    const page = await this.txs.list(query);
    const versions = await this.txs.versionCounts(page.rows.map((t) => t.id));
    void reply.header('Content-Range', contentRange('payouts', query, page));
    return page.rows.map((t) => ({
      id: t.id,
      purpose: t.purpose,
      lane: t.lane,
      status: t.status,
      hash: t.hash,
      versions: versions.get(t.id) ?? 0,
      sender: t.sender,
      nonce: t.nonce,
      blockNumber: t.blockNumber,
      gasUsed: t.gasUsed,
      error: t.error,
      attempts: t.attempts,
      lastError: t.lastError,
      nextAttemptAt: t.nextAttemptAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    }));
  }

  @Get('chain')
  @ApiOkResponse({ type: ChainInfoDto })
  async chainInfo(): Promise<ChainInfoDto> {
    const info = this.chain.info;
    const read = async (fn: string, args: unknown[] = []): Promise<unknown> =>
      tokenAbi.decodeFunctionResult(fn, await this.chain.call(info.rewardToken, tokenAbi.encodeFunctionData(fn, args)))[0];
    const [blockNumber, name, symbol, supply, held, eth, budgets] = await Promise.all([
      this.chain.blockNumber(),
      read('name'),
      read('symbol'),
      read('totalSupply'),
      read('balanceOf', [info.payoutDistributor]),
      this.chain.balance(info.operator),
      this.ledger.commitments(),
    ]);
    return {
      chainId: info.chainId,
      rpcUrl: info.publicRpcUrl,
      blockNumber,
      operator: info.operator,
      operatorEth: formatEther(eth),
      token: { address: info.rewardToken, name: String(name), symbol: String(symbol), totalSupply: formatTokens(supply as bigint) },
      distributor: { address: info.payoutDistributor, balance: formatTokens(held as bigint) },
      budgets: budgets.map((b) => ({
        projectId: b.projectId,
        name: b.name,
        budget: b.budget === null ? null : formatTokens(parseTokens(b.budget)),
        credited: formatTokens(BigInt(b.credited)),
        committed: formatTokens(b.committed),
      })),
    };
  }
}
