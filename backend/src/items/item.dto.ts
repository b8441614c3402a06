import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID } from '../http/list-query.js';
import { DocumentsLabelResults, labelResultProperty } from '../projects/label-result.dto.js';
import type { ItemMedia } from './domain/item-media.js';
import { ITEM_STATUSES, itemStatus, type ItemStatus } from './domain/item-status.js';
import type { ItemEntity } from './item.entity.js';

export class ItemMediaDto implements ItemMedia {
  @ApiPropertyOptional({ description: 'The stored file (an uploaded image)' }) cid?: string;
  @ApiPropertyOptional() mime?: string;
  @ApiPropertyOptional({ description: 'Natural pixels' }) width?: number;
  @ApiPropertyOptional({ description: 'Natural pixels' }) height?: number;
}

@DocumentsLabelResults()
export class ItemDto {
  @ApiProperty() id: number;
  @ApiProperty() projectId: number;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: ItemMediaDto }) media: ItemMedia | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "Signed URLs of the item's stored files by CID (`ipfs://<cid>` values of data, media), for the caller only and short-lived",
  })
  files: Record<string, string>;
  @ApiProperty() overlap: number;
  @ApiProperty(labelResultProperty({ nullable: true, description: 'A gold item’s known answer (admins only; never sent to annotators)' }))
  gold: unknown;
  @ApiProperty({ description: 'Labels that count (what completes the item); discarded ones are not among them' })
  annotationCount: number;
  @ApiProperty({
    description:
      'Labels discarded (suspension, rejected review): with annotationCount, every label submitted, as the annotations list shows',
  })
  discardedAnnotationCount: number;
  @ApiProperty({ enum: ITEM_STATUSES, enumName: 'ItemStatus' }) status: ItemStatus;
  @ApiProperty() createdAt: string;
}

export function mapItem(item: ItemEntity, annotationCount: number, files: Record<string, string>, discardedAnnotationCount = 0): ItemDto {
  return {
    id: item.id,
    projectId: item.projectId,
    externalId: item.externalId,
    data: item.data,
    media: item.media,
    files,
    overlap: item.overlap,
    gold: item.gold ?? null,
    annotationCount,
    discardedAnnotationCount,
    status: itemStatus({ overlap: item.overlap, taken: item.taken, annotations: annotationCount }),
    createdAt: item.createdAt.toISOString(),
  };
}

export class ImportRejectionDto {
  @ApiProperty({ description: 'Array element, JSONL line or CSV line (header = 1); file name for uploads' }) line: number;
  @ApiPropertyOptional() file?: string;
  @ApiProperty() message: string;
}

export class ImportResultDto {
  @ApiProperty() imported: number;
  @ApiProperty({ description: 'Records whose externalId was imported before (left unchanged)' }) duplicates: number;
  @ApiProperty({ type: [ImportRejectionDto] }) rejected: ImportRejectionDto[];
  @ApiPropertyOptional({ description: 'True when more rejections happened than are listed' }) rejectedTruncated?: boolean;
  @ApiProperty() rejectedCount: number;
}

@DocumentsLabelResults()
export class CreateItemDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_ID) projectId: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) externalId?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() data: Record<string, unknown>;
  @ApiPropertyOptional(labelResultProperty({ description: 'Known answer: makes this a gold item' }))
  @IsOptional()
  @IsObject()
  gold?: Record<string, unknown>;
}

export class UpdateItemDto extends PartialType(PickType(CreateItemDto, ['data'] as const)) {
  @ApiPropertyOptional({ minimum: 1, maximum: 50 }) @IsOptional() @IsInt() @Min(1) @Max(50) overlap?: number;
}

/** What the items list (react-admin's getList) can be filtered and sorted by. */
export const ITEM_FILTERS = ['id', 'projectId', 'externalId', 'status'] as const;
export const ITEM_SORTS = ['id', 'externalId', 'createdAt', 'overlap'] as const;
