import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import { DocumentsLabelResults, labelResultProperty } from '../projects/label-result.dto.js';

/** A draft is kept as the client sent it: any JSON value but null. */
const ANY_DRAFT: ApiPropertyOptions = {
  oneOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
};

export class AssignmentItemDto {
  @ApiProperty({ description: 'An opaque, stable reference to the item (not its database id)' }) id: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Signed URLs of the stored files the item shows (`ipfs://<cid>` values of data) by CID, for this annotator while leased',
  })
  files: Record<string, string>;
}

export class AssignmentDto {
  @ApiProperty() assignmentId: number;
  @ApiProperty({ type: AssignmentItemDto }) item: AssignmentItemDto;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ description: 'Unfinished work saved with PUT /assignments/:id/draft', ...ANY_DRAFT }) draft?: unknown;
}

export const MAX_LEAD_TIME_MS = 7 * 86_400_000;

@DocumentsLabelResults()
export class SubmitDto {
  @ApiProperty(labelResultProperty())
  @IsDefined()
  result: unknown;

  @ApiProperty({
    description:
      'Time the annotator spent, in milliseconds, as the client measured it: kept for display only. Rules that judge speed use the time the server measured from handing out the lease to receiving the submit.',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_LEAD_TIME_MS)
  leadTimeMs: number;
}

export class SubmittedDto {
  @ApiProperty() annotationId: number;
  @ApiPropertyOptional({
    type: AssignmentDto,
    nullable: true,
    description: 'With ?next=true: the next assignment in the same project (null when nothing is left), saving a round trip',
  })
  next?: AssignmentDto | null;
}

export class DraftDto {
  @ApiProperty({ description: 'The unfinished result, in any shape the client likes', ...ANY_DRAFT })
  @IsDefined()
  result: unknown;
}

export class DraftSavedDto {
  @ApiProperty() expiresAt: string;
}

/**
 * Counted so that leasing and submitting move the numbers the same way whatever the item (gold items
 * must not stand out): leasing changes nothing, submitting takes one from `remaining` and adds one to
 * `done`. Either number also moves with other annotators' work (items filling up or coming back).
 */
export class ProgressDto {
  @ApiProperty({
    description:
      'Items this annotator could still be assigned: regular items open to them, their live lease, and, while either of those is non-zero, the check items they have not been given',
  })
  remaining: number;
  @ApiProperty({ description: 'Items this annotator labeled in the project' }) done: number;
}
