import { Inject, Injectable } from '@nestjs/common';
import { getAddress } from 'ethers';
import type { Caller } from '../access/access.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { ChainTxsService } from '../chain/chain-txs.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { formatTokens } from './domain/reward-math.js';
import { EpochsRepository, type MyAllocationRow } from './epochs.repository.js';
import { EpochsService } from './epochs.service.js';
import { LedgerRepository } from './ledger.repository.js';
import type { EarningsDto, ProofDto, RelayedClaimDto } from './rewards.dto.js';
import { RewardsException } from './rewards.exception.js';
import { SalesService } from '../sales/sales.service.js';

/** An annotator's view of their money: pending, claimable, claimed; proofs and relayed claims. */
@Injectable()
export class EarningsService {
  constructor(
    private readonly epochs: EpochsRepository,
    private readonly epochsService: EpochsService,
    private readonly ledger: LedgerRepository,
    private readonly txs: ChainTxsService,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sales: SalesService,
  ) {}

  async earnings(caller: Caller): Promise<EarningsDto> {
    const [allocations, totals, recent, datasetSales] = await Promise.all([
      this.epochs.myAllocations(caller.id),
      this.epochs.myLedgerTotals(caller.id),
      this.ledger.list({ filter: {}, offset: 0, limit: 50, sortField: 'id', sortOrder: 'DESC' }, caller.id),
      this.sales.annotatorSales(caller.id),
    ]);
    const sum = { claimable: 0n, claimed: 0n, expired: 0n };
    const now = Date.now();
    const epochs = allocations.map((a) => {
      const amount = BigInt(a.amount);
      const claimed = a.claimTxHash !== null;
      const claimable = this.claimable(a, now);
      if (claimed) sum.claimed += amount;
      else if (claimable) sum.claimable += amount;
      // A voided share counts nowhere here: its amount is back in `pending`.
      else if (!a.voided && a.mode === 'claim' && a.expiresAt.getTime() <= now) sum.expired += amount;
      return {
        epochId: a.epochId,
        mode: a.mode,
        status: a.status,
        amount: formatTokens(amount),
        amountWei: a.amount,
        leafIndex: a.leafIndex,
        expiresAt: a.expiresAt.toISOString(),
        claimable,
        claimed,
        voided: a.voided,
        txHash: a.claimTxHash,
      };
    });
    const info = this.chain.info;
    return {
      chain: {
        chainId: info.chainId,
        rpcUrl: info.publicRpcUrl,
        token: info.rewardToken,
        distributor: info.payoutDistributor,
        explorerTxUrl: info.explorerTxUrl,
      },
      relay: {
        minAmount: formatTokens(this.config.chain.relayMinAmount),
        minAmountWei: this.config.chain.relayMinAmount.toString(),
        dailyCap: this.config.chain.relayDailyCap,
      },
      totals: {
        pending: formatTokens(totals.earned - totals.allocated),
        claimable: formatTokens(sum.claimable),
        claimed: formatTokens(sum.claimed),
        expired: formatTokens(sum.expired),
      },
      epochs,
      recent: recent.rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        amount: formatTokens(BigInt(r.amount)),
        projectId: r.projectId,
        projectName: r.projectName,
        createdAt: r.createdAt.toISOString(),
      })),
      datasetSales,
    };
  }

  async proof(caller: Caller, epochId: number): Promise<ProofDto> {
    const allocation = await this.claimableAllocation(caller, epochId);
    const tree = await this.epochsService.tree(epochId);
    return {
      epochId,
      index: allocation.leafIndex,
      account: getAddress(allocation.account),
      amountWei: allocation.amount,
      proof: tree.proof(allocation.leafIndex),
      distributor: this.chain.info.payoutDistributor,
      chainId: this.chain.info.chainId,
    };
  }

  /**
   * Gas-free claim: the platform sends it; the tokens go to the annotator's wallet all the same. Not
   * below RELAY_MIN_AMOUNT (the gas would cost more than it is worth) and not more than
   * RELAY_DAILY_CAP times a day; asking again for a claim already on its way is not a new one.
   */
  async relayClaim(caller: Caller, epochId: number): Promise<RelayedClaimDto> {
    const allocation = await this.claimableAllocation(caller, epochId);
    const purpose = `claim:${epochId}:${allocation.leafIndex}`;
    const existing = await this.txs.byPurpose(purpose);
    if (!existing || existing.status === 'failed') {
      if (existing) throw new RewardsException(ErrorCode.CLAIM_NOT_AVAILABLE, `The relayed claim failed: ${existing.error ?? 'reverted'}`);
      const minimum = this.config.chain.relayMinAmount;
      if (BigInt(allocation.amount) < minimum) {
        throw new RewardsException(
          ErrorCode.RELAY_BELOW_MINIMUM,
          `Gas-free claims start at ${formatTokens(minimum)} tokens; claim these ${formatTokens(BigInt(allocation.amount))} from your wallet`,
        );
      }
      await this.epochsService.relayClaim(
        caller.id,
        epochId,
        allocation.leafIndex,
        getAddress(allocation.account),
        BigInt(allocation.amount),
      );
    }
    const tx = await this.txs.byPurpose(purpose);
    return {
      status: tx?.status === 'confirmed' ? 'confirmed' : 'queued',
      txHash: tx?.hash ?? null,
      retrying: tx !== null && tx.status !== 'confirmed' && tx.attempts > 0,
    };
  }

  private claimable(a: MyAllocationRow, now: number): boolean {
    return a.mode === 'claim' && a.status === 'posted' && !a.voided && a.claimTxHash === null && a.expiresAt.getTime() > now;
  }

  private async claimableAllocation(caller: Caller, epochId: number): Promise<MyAllocationRow> {
    const allocation = await this.epochs.myAllocation(caller.id, epochId);
    if (!allocation) throw new RewardsException(ErrorCode.EPOCH_NOT_FOUND, `You have nothing in epoch ${epochId}`);
    if (!this.claimable(allocation, Date.now())) {
      const why =
        allocation.claimTxHash !== null
          ? 'it is claimed already'
          : allocation.voided
            ? 'the epoch was voided and the amount is pending again'
            : allocation.mode !== 'claim'
              ? 'it is paid directly'
              : allocation.status !== 'posted'
                ? `the epoch is ${allocation.status}`
                : 'the epoch has expired';
      throw new RewardsException(ErrorCode.CLAIM_NOT_AVAILABLE, `Epoch ${epochId} cannot be claimed: ${why}`);
    }
    return allocation;
  }
}
