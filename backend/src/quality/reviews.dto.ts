import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { getAddress } from 'ethers';
import { DocumentsLabelResults, labelResultProperty } from '../projects/label-result.dto.js';
import type { ReviewQueueRow } from './reviews.repository.js';

export const REVIEW_OUTCOMES = ['accepted', 'rejected', 'fixed_and_accepted'] as const;

@DocumentsLabelResults()
export class ReviewLabelDto {
  @ApiProperty() annotationId: number;
  @ApiProperty() annotatorId: number;
  @ApiProperty() annotatorAddress: string;
  @ApiProperty(labelResultProperty()) result: unknown;
}

@DocumentsLabelResults()
export class ReviewItemDto {
  @ApiProperty({ description: 'The item id' }) id: number;
  @ApiProperty() projectId: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Signed URLs of the stored files the item shows, by CID, for the caller only',
  })
  files: Record<string, string>;
  @ApiProperty(labelResultProperty({ description: 'What the engine inferred' })) result: unknown;
  @ApiProperty() confidence: number;
  @ApiProperty({ type: [ReviewLabelDto] }) labels: ReviewLabelDto[];
}

@DocumentsLabelResults()
export class ReviewDecisionDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES, enumName: 'ReviewOutcome' }) @IsIn(REVIEW_OUTCOMES) outcome: (typeof REVIEW_OUTCOMES)[number];
  @ApiPropertyOptional(labelResultProperty({ description: 'Required for fixed_and_accepted: the right answer' }))
  @ValidateIf((o: ReviewDecisionDto) => o.outcome === 'fixed_and_accepted')
  @IsDefined()
  @IsOptional()
  result?: unknown;
}

export class ReviewDecidedDto {
  @ApiProperty() itemId: number;
  @ApiProperty({ enum: REVIEW_OUTCOMES, enumName: 'ReviewOutcome' }) outcome: (typeof REVIEW_OUTCOMES)[number];
}

export function mapReviewItem(row: ReviewQueueRow, files: Record<string, string>): ReviewItemDto {
  return {
    id: row.itemId,
    projectId: row.projectId,
    data: row.data,
    files,
    result: row.result,
    confidence: row.confidence,
    labels: row.labels.map((l) => ({
      annotationId: l.annotationId,
      annotatorId: l.annotatorId,
      annotatorAddress: getAddress(l.address),
      result: l.result,
    })),
  };
}

/** What the review queue can be filtered by (it is always least confident first). */
export const REVIEW_FILTERS = ['projectId'] as const;
