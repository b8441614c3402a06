import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';

export class TaskItemDto {
  @ApiProperty({ description: 'An opaque, stable reference to the item (not its database id)' }) id: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Signed URLs of the stored files the item shows (`ipfs://<cid>` values of data) by CID, for this annotator while leased',
  })
  files: Record<string, string>;
}

export class TaskDto {
  @ApiProperty() assignmentId: number;
  @ApiProperty({ type: TaskItemDto }) item: TaskItemDto;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ description: 'Unfinished work saved with PUT /assignments/:id/draft' }) draft?: unknown;
}

export const MAX_LEAD_TIME_MS = 7 * 86_400_000;

export class SubmitDto {
  @ApiProperty({
    description: 'By project type: {label} | {labels: []} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text}',
    type: 'object',
    additionalProperties: true,
  })
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
    type: TaskDto,
    nullable: true,
    description: 'With ?next=true: the next task of the same project (null when nothing is left), saving a round trip',
  })
  next?: TaskDto | null;
}

export class DraftDto {
  @ApiProperty({ description: 'The unfinished result, in any shape the client likes', type: 'object', additionalProperties: true })
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
      'Tasks this annotator could still get: regular items open to them, their live lease, and, while either of those is non-zero, the check items they have not been given',
  })
  remaining: number;
  @ApiProperty({ description: 'Items this annotator labeled in the project' }) done: number;
}
