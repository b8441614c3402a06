import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { formatTokens } from '../rewards/domain/reward-math.js';
import type {
  AnnotatorDatasetSalesRow,
  AnnotatorRevenueRow,
  DatasetRevenueRow,
  ListingRow,
  PurchaseRow,
  SaleRow,
} from './sales.repository.js';

export { SALE_FILTERS, SALE_SORTS } from './sales.repository.js';

export class SaleDto {
  @ApiProperty() id: number;
  @ApiProperty() chainId: number;
  @ApiProperty() txHash: string;
  @ApiProperty() logIndex: number;
  @ApiProperty() blockNumber: number;
  @ApiProperty() soldAt: string;
  @ApiProperty() nftAddress: string;
  @ApiProperty() datatokenAddress: string;
  @ApiProperty() did: string;
  @ApiProperty() serviceIndex: number;
  @ApiProperty() consumer: string;
  @ApiProperty() payer: string;
  @ApiProperty({ description: 'Paid in the base token, decimal tokens' }) amount: string;
  @ApiProperty({ description: 'Paid in the base token, smallest unit' }) amountWei: string;
  @ApiProperty({ type: String, nullable: true }) baseTokenAddress: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The Tessera dataset version sold; null for an external asset' })
  versionId: number | null;
  @ApiProperty({ type: String, nullable: true }) datasetName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Annotators share applied, basis points' }) shareBps: number | null;
  @ApiProperty({ description: 'What the annotators got, reward tokens' }) shared: string;
  @ApiProperty({ description: 'Annotators paid from this sale' }) annotators: number;
}

export function mapSale(row: SaleRow): SaleDto {
  return {
    id: row.id,
    chainId: row.chainId,
    txHash: row.txHash,
    logIndex: row.logIndex,
    blockNumber: row.blockNumber,
    soldAt: row.soldAt.toISOString(),
    nftAddress: row.nftAddress,
    datatokenAddress: row.datatokenAddress,
    did: row.did,
    serviceIndex: row.serviceIndex,
    consumer: row.consumer,
    payer: row.payer,
    amount: formatTokens(BigInt(row.baseTokenAmount)),
    amountWei: row.baseTokenAmount,
    baseTokenAddress: row.baseTokenAddress,
    versionId: row.versionId,
    datasetName: row.datasetName,
    shareBps: row.shareBps,
    shared: formatTokens(BigInt(row.shareAmount)),
    annotators: row.annotators,
  };
}

export class DatasetRevenueDto {
  @ApiProperty({ description: 'The dataset version (react-admin id)' }) id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) nftAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) did: string | null;
  @ApiProperty({ description: 'Orders' }) sales: number;
  @ApiProperty({ description: 'Base tokens paid' }) revenue: string;
  @ApiProperty({ description: 'Reward tokens shared with annotators' }) shared: string;
  @ApiProperty({ type: String, nullable: true }) lastSaleAt: string | null;
  @ApiProperty({ description: 'Whether the last listing change asked for it to be listed (true when none)' }) listed: boolean;
}

export function mapDatasetRevenue(row: DatasetRevenueRow): DatasetRevenueDto {
  return {
    id: row.versionId,
    name: row.name,
    nftAddress: row.nftAddress,
    did: row.did,
    sales: row.sales,
    revenue: formatTokens(BigInt(row.revenue)),
    shared: formatTokens(BigInt(row.shared)),
    lastSaleAt: row.lastSaleAt?.toISOString() ?? null,
    listed: row.listed,
  };
}

export class AnnotatorRevenueDto {
  @ApiProperty({ description: 'The annotator (react-admin id)' }) id: number;
  @ApiProperty() address: string;
  @ApiProperty({ description: 'Sales they had a share of' }) sales: number;
  @ApiProperty() datasets: number;
  @ApiProperty({ description: 'Reward tokens from sales' }) amount: string;
}

export function mapAnnotatorRevenue(row: AnnotatorRevenueRow): AnnotatorRevenueDto {
  return { id: row.annotatorId, address: row.address, sales: row.sales, datasets: row.datasets, amount: formatTokens(BigInt(row.amount)) };
}

export class RevenueDto {
  @ApiProperty({ type: DatasetRevenueDto, isArray: true }) datasets: DatasetRevenueDto[];
  @ApiProperty({ type: AnnotatorRevenueDto, isArray: true }) annotators: AnnotatorRevenueDto[];
}

export class DatasetSalesShareDto {
  @ApiProperty({ type: Number, nullable: true }) versionId: number | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'Sales of the dataset they had a share of' }) sales: number;
  @ApiProperty({ description: 'Their labels in the dataset' }) labels: number;
  @ApiProperty({ description: 'Reward tokens from those sales' }) amount: string;
}

export function mapDatasetSalesShare(row: AnnotatorDatasetSalesRow): DatasetSalesShareDto {
  return { versionId: row.versionId, name: row.name, sales: row.sales, labels: row.labels, amount: formatTokens(BigInt(row.amount)) };
}

export class SalesSettingsDto {
  @ApiProperty({ description: 'Annotators share of each sale, basis points (3000 = 30 %)' }) shareBps: number;
  @ApiProperty({ description: 'Whether an admin set it (else DATASET_SALE_SHARE_BPS holds)' }) configured: boolean;
}

export class UpdateSalesSettingsDto {
  @ApiProperty({ minimum: 0, maximum: 10_000, example: 3000 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  shareBps: number;
}

export class SetListingDto {
  @ApiProperty({ description: 'true: list (NFT state 0); false: unlist (NFT state 5)' })
  @IsBoolean()
  listed: boolean;
}

export class ListingDto {
  @ApiProperty() versionId: number;
  @ApiProperty() listed: boolean;
  @ApiProperty({ description: 'The NFT metadata state asked for: 0 active, 5 unlisted' }) state: number;
  @ApiProperty({ enum: ['none', 'queued', 'confirmed', 'failed'] }) status: 'none' | 'queued' | 'confirmed' | 'failed';
  @ApiPropertyOptional({ type: String, nullable: true }) txHash: string | null;
}

export function mapListing(versionId: number, row: ListingRow | undefined): ListingDto {
  if (!row) return { versionId, listed: true, state: 0, status: 'none', txHash: null };
  const status =
    row.txStatus === 'confirmed' ? 'confirmed' : row.txStatus === 'failed' || row.txStatus === 'cancelled' ? 'failed' : 'queued';
  return { versionId, listed: row.listed, state: row.listed ? 0 : 5, status, txHash: row.txHash };
}

export class PurchaseDto {
  @ApiProperty() id: number;
  @ApiProperty() did: string;
  @ApiProperty({ type: Number, nullable: true }) versionId: number | null;
  @ApiProperty({ type: String, nullable: true }) datasetName: string | null;
  @ApiProperty() purchasedAt: string;
  @ApiProperty() txHash: string;
  @ApiProperty() chainId: number;
  @ApiProperty() serviceIndex: number;
  @ApiProperty() datatokenAddress: string;
  @ApiProperty() consumer: string;
  @ApiProperty() payer: string;
  @ApiProperty({ description: 'Paid, base tokens' }) amount: string;
  @ApiProperty({ type: String, nullable: true, description: 'When the order expires; null: never (or unknown)' })
  validUntil: string | null;
  @ApiProperty({ description: 'Whether the order still allows downloads (service timeout)' }) valid: boolean;
}

export function mapPurchase(row: PurchaseRow, now: number): PurchaseDto {
  const timeout = row.timeout ?? 0;
  const validUntil = timeout > 0 ? new Date(row.soldAt.getTime() + timeout * 1000) : null;
  return {
    id: row.id,
    did: row.did,
    versionId: row.versionId,
    datasetName: row.datasetName,
    purchasedAt: row.soldAt.toISOString(),
    txHash: row.txHash,
    chainId: row.chainId,
    serviceIndex: row.serviceIndex,
    datatokenAddress: row.datatokenAddress,
    consumer: row.consumer,
    payer: row.payer,
    amount: formatTokens(BigInt(row.baseTokenAmount)),
    validUntil: validUntil?.toISOString() ?? null,
    valid: validUntil === null || validUntil.getTime() > now,
  };
}
