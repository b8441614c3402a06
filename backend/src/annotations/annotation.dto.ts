import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';
import { getAddress } from 'ethers';
import { MAX_ID } from '../http/list-query.js';
import { DocumentsLabelResults, labelResultProperty } from '../projects/label-result.dto.js';
import { MAX_LEAD_TIME_MS } from '../assignments/assignment.dto.js';
import type { AnnotationEntity } from './annotation.entity.js';

/** Every submitted label is one or the other: the console's counts are submitted = counted + discarded. */
export const ANNOTATION_STATUSES = ['counted', 'discarded'] as const;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];

@DocumentsLabelResults()
export class AnnotationDto {
  @ApiProperty() id: number;
  @ApiProperty() projectId: number;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description: "The item's id; for an annotator reading their own labels, the opaque reference their assignments showed",
  })
  itemId: number | string;
  @ApiProperty() annotatorId: number;
  @ApiProperty() annotatorAddress: string;
  @ApiProperty(labelResultProperty()) result: unknown;
  @ApiProperty({ description: 'Time spent as the client reported it (display only)' }) leadTimeMs: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Time from the lease being handed out to the submit, as the server measured it; null for labels made without a lease',
  })
  serverTimeMs: number | null;
  @ApiProperty({ enum: ANNOTATION_STATUSES, enumName: 'AnnotationStatus', description: 'Whether the label still counts' })
  status: AnnotationStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the label stopped counting (its annotator was suspended, or a reviewer rejected the item)',
  })
  discardedAt: string | null;
  @ApiProperty() createdAt: string;
}

export function mapAnnotation(annotation: AnnotationEntity, annotatorAddress: string, itemRef?: string): AnnotationDto {
  return {
    id: annotation.id,
    projectId: annotation.projectId,
    itemId: itemRef ?? annotation.itemId,
    annotatorId: annotation.annotatorId,
    annotatorAddress: getAddress(annotatorAddress),
    result: annotation.result,
    leadTimeMs: annotation.leadTimeMs,
    serverTimeMs: annotation.serverTimeMs,
    status: annotation.discardedAt === null ? 'counted' : 'discarded',
    discardedAt: annotation.discardedAt?.toISOString() ?? null,
    createdAt: annotation.createdAt.toISOString(),
  };
}

@DocumentsLabelResults()
export class CreateAnnotationDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_ID) itemId: number;
  @ApiProperty(labelResultProperty()) @IsDefined() result: unknown;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(MAX_LEAD_TIME_MS) leadTimeMs?: number;
}

export class UpdateAnnotationDto extends PickType(CreateAnnotationDto, ['result'] as const) {}

/** What the annotations list (react-admin's getList) can be filtered and sorted by. */
export const ANNOTATION_ID_FILTERS = ['id', 'projectId', 'itemId', 'annotatorId'] as const;
export const ANNOTATION_FILTERS = [...ANNOTATION_ID_FILTERS, 'status'] as const;
export const ANNOTATION_SORTS = ['id', 'createdAt', 'leadTimeMs', 'serverTimeMs', 'itemId', 'annotatorId'] as const;
