import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { formatEther, getAddress } from 'ethers';
import type { ChainInfo } from '../chain/chain.port.js';
import { formatTokens, parseTokens } from './domain/reward-math.js';
import type { EpochRow } from './epochs.repository.js';
import type { LedgerRow, ProjectCommitment } from './ledger.repository.js';
import type { RewardTokenFacts } from './payout-contract.port.js';
import { DatasetSalesShareDto } from '../sales/sales.dto.js';

export const EPOCH_FILTERS = ['id', 'status', 'mode'] as const;
export const EPOCH_SORTS = ['id', 'createdAt', 'postedAt', 'status'] as const;
export const LEDGER_FILTERS = ['id', 'annotatorId', 'projectId', 'kind'] as const;
export const LEDGER_SORTS = ['id', 'createdAt'] as const;

// The values these columns hold, for the document (the entities keep them as strings).
const EPOCH_MODES = ['claim', 'push'];
const EPOCH_STATUSES = ['closed', 'posted', 'paid', 'swept', 'failed', 'voided'];
/** sale_share: an annotator's part of a dataset sale (sales module). */
const LEDGER_KINDS = ['reward', 'reversal', 'adjustment', 'sale_share'];

export class CloseEpochDto {
  @ApiProperty({
    enum: EPOCH_MODES,
    enumName: 'EpochMode',
    description: 'claim: a Merkle root annotators claim from; push: paid by batch transfers',
  })
  @IsIn(['claim', 'push'])
  mode: 'claim' | 'push';
  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Days annotators have to claim (default EPOCH_EXPIRY_DAYS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

export class EpochDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: EPOCH_MODES, enumName: 'EpochMode' }) mode: string;
  @ApiProperty({
    enum: EPOCH_STATUSES,
    enumName: 'EpochStatus',
    description: 'closed: its transactions are on their way (retried while the chain has trouble); failed: one failed for good',
  })
  status: string;
  @ApiProperty({ description: 'Tokens, decimal string' }) total: string;
  @ApiProperty({ description: 'Smallest unit' }) totalWei: string;
  @ApiProperty() recipients: number;
  @ApiProperty({ nullable: true, type: String }) root: string | null;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) postedAt: string | null;
  @ApiProperty() claimedCount: number;
  @ApiProperty() claimedAmount: string;
  @ApiProperty({ nullable: true, type: String }) postTxHash: string | null;
  @ApiProperty({ nullable: true, type: String }) voidedAt: string | null;
  @ApiProperty({ description: 'Its transactions not settled yet' }) pendingTxs: number;
  @ApiProperty({ description: 'Some of its transactions hit errors and are being retried' }) retrying: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, or the latest error of a transaction being retried' })
  lastError: string | null;
}

export function mapEpoch(row: EpochRow): EpochDto {
  return {
    id: row.id,
    mode: row.mode,
    status: row.status,
    total: formatTokens(BigInt(row.total)),
    totalWei: row.total,
    recipients: row.recipients,
    root: row.root,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    postedAt: row.postedAt?.toISOString() ?? null,
    claimedCount: row.claimedCount,
    claimedAmount: formatTokens(BigInt(row.claimedAmount)),
    postTxHash: row.postTxHash,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    pendingTxs: row.pendingTxs,
    retrying: row.retrying,
    lastError: row.lastError,
  };
}

export class ChainRefDto {
  @ApiProperty() chainId: number;
  @ApiProperty() rpcUrl: string;
  @ApiProperty() token: string;
  @ApiProperty() distributor: string;
  @ApiProperty({ nullable: true, type: String }) explorerTxUrl: string | null;
}

export class EarningsTotalsDto {
  @ApiProperty({ description: 'Credited, not yet in an epoch' }) pending: string;
  @ApiProperty() claimable: string;
  @ApiProperty() claimed: string;
  @ApiProperty() expired: string;
}

export class MyEpochDto {
  @ApiProperty() epochId: number;
  @ApiProperty({ enum: EPOCH_MODES, enumName: 'EpochMode' }) mode: string;
  @ApiProperty({ enum: EPOCH_STATUSES, enumName: 'EpochStatus' }) status: string;
  @ApiProperty() amount: string;
  @ApiProperty() amountWei: string;
  @ApiProperty() leafIndex: number;
  @ApiProperty() expiresAt: string;
  @ApiProperty() claimable: boolean;
  @ApiProperty() claimed: boolean;
  @ApiProperty({ description: 'The epoch was voided before this share was paid: its amount is back in pending' }) voided: boolean;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
}

export class RelayTermsDto {
  @ApiProperty({ description: 'Smallest share (tokens) the platform claims gas-free' }) minAmount: string;
  @ApiProperty({ description: '`minAmount` in the smallest unit' }) minAmountWei: string;
  @ApiProperty({ description: 'Gas-free claims per annotator in any 24 hours' }) dailyCap: number;
}

export class LedgerLineDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LEDGER_KINDS, enumName: 'LedgerKind' }) kind: string;
  @ApiProperty() amount: string;
  @ApiProperty({ nullable: true, type: Number }) projectId: number | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty() createdAt: string;
}

export class EarningsDto {
  @ApiProperty({ type: ChainRefDto }) chain: ChainRefDto;
  @ApiProperty({ type: RelayTermsDto }) relay: RelayTermsDto;
  @ApiProperty({ type: EarningsTotalsDto }) totals: EarningsTotalsDto;
  @ApiProperty({ type: [MyEpochDto] }) epochs: MyEpochDto[];
  @ApiProperty({ type: [LedgerLineDto] }) recent: LedgerLineDto[];
  @ApiProperty({
    type: [DatasetSalesShareDto],
    description: 'Dataset sales: their share of the sales of each dataset holding their labels',
  })
  datasetSales: DatasetSalesShareDto[];
}

export class ProofDto {
  @ApiProperty() epochId: number;
  @ApiProperty() index: number;
  @ApiProperty() account: string;
  @ApiProperty() amountWei: string;
  @ApiProperty({ type: [String] }) proof: string[];
  @ApiProperty() distributor: string;
  @ApiProperty() chainId: number;
}

export class RelayedClaimDto {
  @ApiProperty({ enum: ['queued', 'confirmed'], enumName: 'RelayedClaimStatus' }) status: string;
  @ApiProperty({ nullable: true, type: String }) txHash: string | null;
  @ApiProperty({ description: 'Sending it hit errors; it is being retried' }) retrying: boolean;
}

export class LedgerEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() annotatorId: number;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: Number }) projectId: number | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty({ nullable: true, type: Number }) annotationId: number | null;
  @ApiProperty({ enum: LEDGER_KINDS, enumName: 'LedgerKind' }) kind: string;
  @ApiProperty() amount: string;
  @ApiProperty({ nullable: true, type: Number }) multiplierBps: number | null;
  @ApiProperty() createdAt: string;
}

export function mapLedgerEntry(row: LedgerRow): LedgerEntryDto {
  return {
    id: row.id,
    annotatorId: row.annotatorId,
    address: getAddress(row.address),
    projectId: row.projectId,
    projectName: row.projectName,
    annotationId: row.annotationId,
    kind: row.kind,
    amount: formatTokens(BigInt(row.amount)),
    multiplierBps: row.multiplierBps,
    createdAt: row.createdAt.toISOString(),
  };
}

export class TokenInfoDto {
  @ApiProperty() address: string;
  @ApiProperty() name: string;
  @ApiProperty() symbol: string;
  @ApiProperty() totalSupply: string;
}

export class DistributorInfoDto {
  @ApiProperty() address: string;
  @ApiProperty({ description: 'Tokens the distributor holds for claims' }) balance: string;
}

export class BudgetDto {
  @ApiProperty() projectId: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) budget: string | null;
  @ApiProperty() credited: string;
  @ApiProperty() committed: string;
}

export class SweepQueuedDto {
  @ApiProperty({ enum: ['queued'] }) status: string;
}

export class ChainInfoDto {
  @ApiProperty() chainId: number;
  @ApiProperty() rpcUrl: string;
  @ApiProperty() blockNumber: number;
  @ApiProperty() operator: string;
  @ApiProperty({ description: 'Gas money of the operator, in ETH' }) operatorEth: string;
  @ApiProperty({ type: TokenInfoDto }) token: TokenInfoDto;
  @ApiProperty({ type: DistributorInfoDto }) distributor: DistributorInfoDto;
  @ApiProperty({ type: [BudgetDto] }) budgets: BudgetDto[];
}

/** What the console's chain page shows, read at one moment. */
export interface ChainReading {
  info: ChainInfo;
  blockNumber: number;
  /** The operator's gas money, in wei. */
  operatorBalance: bigint;
  token: RewardTokenFacts;
  /** Reward tokens the distributor holds (posted epochs not yet claimed). */
  distributorBalance: bigint;
  budgets: readonly ProjectCommitment[];
}

export function mapChainInfo(reading: ChainReading): ChainInfoDto {
  const { info, token } = reading;
  return {
    chainId: info.chainId,
    rpcUrl: info.publicRpcUrl,
    blockNumber: reading.blockNumber,
    operator: info.operator,
    operatorEth: formatEther(reading.operatorBalance),
    token: { address: info.rewardToken, name: token.name, symbol: token.symbol, totalSupply: formatTokens(token.totalSupply) },
    distributor: { address: info.payoutDistributor, balance: formatTokens(reading.distributorBalance) },
    budgets: reading.budgets.map((b) => ({
      projectId: b.projectId,
      name: b.name,
      budget: b.budget === null ? null : formatTokens(parseTokens(b.budget)),
      credited: formatTokens(BigInt(b.credited)),
      committed: formatTokens(b.committed),
    })),
  };
}
