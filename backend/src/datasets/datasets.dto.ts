import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DatasetFileEntity } from './dataset-file.entity.js';
import type { DatasetPublicationEntity } from './dataset-publication.entity.js';
import type { DatasetVersionEntity } from './dataset-version.entity.js';

export const DATASET_STATUSES = ['building', 'ready', 'failed'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export const DATASET_KINDS = ['curated', 'synthetic'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];
/** What the datasets list (react-admin's getList) can be filtered and sorted by. */
export const DATASET_FILTERS = ['id', 'projectId', 'status', 'kind', 'q'] as const;
export const DATASET_SORTS = ['id', 'name', 'projectId', 'status', 'kind', 'itemCount', 'createdAt'] as const;
export const BUILD_STEPS = ['select', 'synthesize', 'describe', 'export', 'ready'] as const;
/** Most rows one synthetic version may have (the console's limit too). */
export const MAX_SYNTHETIC_ROWS = 1_000_000;

/**
 * A calendar date, or a date-time to the minute or finer, with or without its offset (none: UTC):
 * the ISO 8601 forms that JavaScript reads as ISO. Week and ordinal dates, expanded years and
 * hours alone, which ISO 8601 allows too, are refused (JavaScript and PostgreSQL read them
 * differently or not at all). The service stores the instant (toISOString).
 */
export const FILTER_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export class DatasetFiltersDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Only answers at least this confident' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number;
  @ApiPropertyOptional({ description: 'Only answers a reviewer accepted or fixed' })
  @IsOptional()
  @IsBoolean()
  reviewedOnly?: boolean;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Only answers given at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(FILTER_DATE, { message: 'from must be a date or date-time, e.g. "2026-01-01" or "2026-01-01T00:00:00Z"' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'Only answers given at or before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(FILTER_DATE, { message: 'to must be a date or date-time, e.g. "2026-12-31" or "2026-12-31T23:59:59Z"' })
  to?: string;
  @ApiPropertyOptional({
    description:
      "Include gold items with their gold answers (default false: they are the platform's test questions, and publishing them leaks them)",
  })
  @IsOptional()
  @IsBoolean()
  includeGold?: boolean;
}

export class SplitsDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.8 }) @IsNumber() @Min(0) @Max(1) train: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.1 }) @IsNumber() @Min(0) @Max(1) validation: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.1 }) @IsNumber() @Min(0) @Max(1) test: number;
}

export class CreateDatasetDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(2_147_483_647) projectId: number;
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;
  @ApiPropertyOptional({ maxLength: 20_000 }) @IsOptional() @IsString() @MaxLength(20_000) description?: string;
  @ApiProperty({ example: 'CC-BY-4.0', description: 'SPDX licence identifier (spdx.org/licenses)' })
  @IsString()
  @Length(1, 100)
  license: string;
  @ApiPropertyOptional({ maxLength: 20_000, description: 'What the dataset is meant for, as the datasheet states it' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  intendedUse?: string;
  @ApiPropertyOptional({ type: DatasetFiltersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DatasetFiltersDto)
  filters?: DatasetFiltersDto;
  @ApiPropertyOptional({ type: SplitsDto, description: 'Fractions summing to 1 (default 0.8 / 0.1 / 0.1)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SplitsDto)
  splits?: SplitsDto;
  @ApiPropertyOptional({ minimum: 0, maximum: 2_147_483_647, description: 'Seed of the split (default: random, recorded)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class CreateSyntheticDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SYNTHETIC_ROWS, description: 'How many synthetic rows to make' })
  @IsInt()
  @Min(1)
  @Max(MAX_SYNTHETIC_ROWS)
  rows: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2_147_483_647, description: 'Seed of the synthesizer (default: random, recorded)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}

export class PublishDatasetDto {
  @ApiPropertyOptional({
    example: '2.5',
    description: 'Base tokens (OCEAN on the embedded chain) per datatoken, a decimal string with at most 18 decimals; or free',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,30}(\.\d{1,18})?$/, { message: 'price must be a decimal amount, e.g. "2.5"' })
  price?: string;
  @ApiPropertyOptional({ description: 'Free through a dispenser instead of a price' })
  @IsOptional()
  @IsBoolean()
  free?: boolean;
}

export const PUBLICATION_STATUSES = ['publishing', 'published', 'failed'] as const;
export const PUBLICATION_STEPS = ['export', 'encrypt', 'store', 'mint', 'metadata', 'done'] as const;

export class PublicationDto {
  @ApiProperty({ enum: PUBLICATION_STATUSES, enumName: 'PublicationStatus' }) status: (typeof PUBLICATION_STATUSES)[number];
  @ApiProperty({
    enum: PUBLICATION_STEPS,
    enumName: 'PublicationStep',
    description: 'The step running (or where it failed); done once published',
  })
  step: (typeof PUBLICATION_STEPS)[number];
  @ApiProperty({ type: String, nullable: true, description: 'Base tokens per datatoken; null when free' }) price: string | null;
  @ApiProperty() free: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'did:op:…' }) did: string | null;
  @ApiProperty({ type: String, nullable: true }) nftAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) datatokenAddress: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The fixed-rate exchange contract' }) exchangeAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) exchangeId: string | null;
  @ApiProperty({ type: String, nullable: true }) dispenserAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) mintTx: string | null;
  @ApiProperty({ type: String, nullable: true }) metadataTx: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Prefix of transaction links (EXPLORER_TX_URL), the hash appended' })
  explorerTxUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
}

export function mapPublication(publication: DatasetPublicationEntity, explorerTxUrl: string | null): PublicationDto {
  return {
    status: publication.status as PublicationDto['status'],
    step: publication.step as PublicationDto['step'],
    price: publication.price,
    free: publication.free,
    did: publication.did,
    nftAddress: publication.nftAddress,
    datatokenAddress: publication.datatokenAddress,
    exchangeAddress: publication.exchangeAddress,
    exchangeId: publication.exchangeId,
    dispenserAddress: publication.dispenserAddress,
    mintTx: publication.mintTx,
    metadataTx: publication.metadataTx,
    explorerTxUrl,
    error: publication.error,
    createdAt: publication.createdAt.toISOString(),
    publishedAt: publication.publishedAt?.toISOString() ?? null,
  };
}

export class PublishQueuedDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: PUBLICATION_STATUSES, enumName: 'PublicationStatus' }) status: (typeof PUBLICATION_STATUSES)[number];
}

export class DatasetCreatedDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: DATASET_STATUSES, enumName: 'DatasetStatus' }) status: DatasetStatus;
}

export class DatasetProgressDto {
  @ApiProperty({ enum: BUILD_STEPS, enumName: 'DatasetBuildStep' }) step: (typeof BUILD_STEPS)[number];
  @ApiProperty() done: number;
  @ApiProperty() total: number;
}

export class DatasetFileDto {
  @ApiProperty({ example: 'data.jsonl' }) name: string;
  @ApiProperty({ example: 'jsonl' }) format: string;
  @ApiProperty({ example: 'application/jsonlines' }) mediaType: string;
  @ApiProperty({ description: 'Plaintext size in bytes' }) bytes: number;
  @ApiProperty({ description: 'sha256 of the plaintext, hex' }) sha256: string;
  @ApiProperty({ description: 'CID of the encrypted file in IPFS' }) cid: string;
  @ApiProperty({ description: 'Size of the encrypted file in bytes' }) encryptedBytes: number;
}

const LOOSE_OBJECT = { type: 'object', additionalProperties: true, nullable: true } as const;

export class DatasetDto {
  @ApiProperty() id: number;
  @ApiProperty() projectId: number;
  @ApiProperty({ enum: DATASET_KINDS, enumName: 'DatasetKind' }) kind: DatasetKind;
  @ApiProperty({ type: Number, nullable: true, description: 'The version a synthetic version was made from' }) sourceVersionId:
    number | null;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'SPDX identifier' }) license: string;
  @ApiProperty({ type: String, nullable: true }) intendedUse: string | null;
  @ApiProperty({ type: DatasetFiltersDto }) filters: DatasetFiltersDto;
  @ApiProperty({ type: SplitsDto }) splits: SplitsDto;
  @ApiProperty() seed: number;
  @ApiProperty({ enum: DATASET_STATUSES, enumName: 'DatasetStatus' }) status: DatasetStatus;
  @ApiProperty({ type: DatasetProgressDto }) progress: DatasetProgressDto;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: Number, nullable: true }) itemCount: number | null;
  @ApiProperty({ type: [DatasetFileDto], description: 'Listed once the version is ready' }) files: DatasetFileDto[];
  @ApiProperty({ ...LOOSE_OBJECT, description: 'Datasheets for Datasets: motivation, composition, collection, labeling, distribution' })
  datasheet: Record<string, unknown> | null;
  @ApiProperty({ ...LOOSE_OBJECT, description: 'Which project, items, answers, methods and rule the version was built from' })
  provenance: Record<string, unknown> | null;
  @ApiProperty({ ...LOOSE_OBJECT, description: "A synthetic version's report" }) report: Record<string, unknown> | null;
  @ApiProperty({ type: PublicationDto, nullable: true, description: 'Its publication on Ocean, once asked for' })
  publication: PublicationDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

export function mapDatasetFile(file: DatasetFileEntity): DatasetFileDto {
  return {
    name: file.name,
    format: file.format,
    mediaType: file.mediaType,
    bytes: file.bytes,
    sha256: file.sha256.trim(),
    cid: file.cid,
    encryptedBytes: file.encryptedBytes,
  };
}

export function mapDataset(
  version: DatasetVersionEntity,
  files: readonly DatasetFileEntity[],
  publication: PublicationDto | null = null,
): DatasetDto {
  const ready = version.status === 'ready';
  return {
    id: version.id,
    projectId: version.projectId,
    kind: version.kind as DatasetKind,
    sourceVersionId: version.sourceVersionId,
    name: version.name,
    description: version.description,
    license: version.license,
    intendedUse: version.intendedUse,
    filters: version.filters,
    splits: version.splits as unknown as SplitsDto,
    seed: version.seed,
    status: version.status as DatasetStatus,
    progress: { step: version.step as DatasetProgressDto['step'], done: version.progressDone, total: version.progressTotal },
    error: version.error,
    itemCount: version.itemCount,
    // Nothing half-listed: a version's files show once all of them are stored.
    files: ready ? files.map(mapDatasetFile) : [],
    datasheet: ready ? version.datasheet : null,
    provenance: version.provenance,
    report: version.report,
    publication,
    createdAt: version.createdAt.toISOString(),
    updatedAt: version.updatedAt.toISOString(),
    finishedAt: version.finishedAt?.toISOString() ?? null,
  };
}
