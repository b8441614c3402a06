import { Inject, Injectable } from '@nestjs/common';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { ErrorCode } from '../errors/app.exception.js';
import type { ListPage, ListQuery } from '../http/list-query.js';
import { EpochsRepository } from './epochs.repository.js';
import { EpochsService } from './epochs.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { PAYOUT_CONTRACT, type PayoutContractPort } from './payout-contract.port.js';
import { mapChainInfo, mapEpoch, type ChainInfoDto, type EPOCH_FILTERS, type EpochDto } from './rewards.dto.js';
import { RewardsException } from './rewards.exception.js';

/** The console's epochs and chain page: epochs listed, closed, voided and swept; the token, the distributor and the budgets. */
@Injectable()
export class RewardsAdminService {
  constructor(
    private readonly epochs: EpochsRepository,
    private readonly epochsService: EpochsService,
    private readonly ledger: LedgerRepository,
    @Inject(PAYOUT_CONTRACT) private readonly contract: PayoutContractPort,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
  ) {}

  async listEpochs(query: ListQuery<(typeof EPOCH_FILTERS)[number]>): Promise<ListPage<EpochDto>> {
    const page = await this.epochs.list(query);
    return { rows: page.rows.map(mapEpoch), total: page.total };
  }

  async epoch(id: number): Promise<EpochDto> {
    const row = await this.epochs.findById(id);
    if (!row) throw new RewardsException(ErrorCode.EPOCH_NOT_FOUND, `Epoch ${id} not found`);
    return mapEpoch(row);
  }

  async closeEpoch(mode: 'claim' | 'push', expiresInDays: number | undefined, closedBy: number): Promise<EpochDto> {
    return mapEpoch(await this.epochsService.close(mode, expiresInDays, closedBy));
  }

  async voidEpoch(id: number, voidedBy: number): Promise<EpochDto> {
    return mapEpoch(await this.epochsService.void(id, voidedBy));
  }

  async sweepEpoch(id: number): Promise<{ status: 'queued' }> {
    await this.epochsService.sweep(id);
    return { status: 'queued' };
  }

  async chainInfo(): Promise<ChainInfoDto> {
    const info = this.chain.info;
    const [blockNumber, token, distributorBalance, operatorBalance, budgets] = await Promise.all([
      this.chain.blockNumber(),
      this.contract.token(),
      this.contract.tokenBalance(info.payoutDistributor),
      this.chain.balance(info.operator),
      this.ledger.commitments(),
    ]);
    return mapChainInfo({ info, blockNumber, token, distributorBalance, operatorBalance, budgets });
  }
}
