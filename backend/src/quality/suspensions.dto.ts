import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Equals, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { getAddress } from 'ethers';
import { MAX_ID } from '../http/list-query.js';
import type { CheatReason } from './domain/anti-cheat.js';
import type { ActiveSuspensionRow, SuspensionRow } from './suspensions.repository.js';

/** The rules that suspend: the anti-cheat ones, and an admin's hand. */
export const SUSPENSION_RULES = ['too_fast', 'straight_lining', 'gold_failures', 'admin'] as const;
// An anti-cheat rule added to the domain fails to compile here until it is listed above.
const _listsEveryCheatRule: Exclude<CheatReason['rule'], (typeof SUSPENSION_RULES)[number]> extends never ? true : never = true;

/** `reasons` of a suspension, stored as the rules reported them. */
export const SUSPENSION_REASONS_PROPERTY: ApiPropertyOptions = {
  description:
    'The rules that fired, each with its measurements: too_fast {medianServerTimeMs, labels}, straight_lining {answer, share, crowdTopShare}, gold_failures {goldSeen, goldCorrect}, admin {by, note}',
  type: 'array',
  items: {
    type: 'object',
    required: ['rule'],
    properties: { rule: { type: 'string', enum: [...SUSPENSION_RULES] } },
    additionalProperties: true,
  },
};

export class SuspensionDto {
  @ApiProperty() id: number;
  @ApiProperty() annotatorId: number;
  @ApiProperty() annotatorAddress: string;
  @ApiProperty({ nullable: true, type: Number }) projectId: number | null;
  @ApiProperty(SUSPENSION_REASONS_PROPERTY) reasons: unknown;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) liftedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) liftedBy: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the annotator asked for a review (the latest time)' })
  reviewRequestedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What the annotator wrote with the request' }) reviewMessage: string | null;
}

export function mapSuspension({ suspension, address }: SuspensionRow): SuspensionDto {
  return {
    id: suspension.id,
    annotatorId: suspension.annotatorId,
    annotatorAddress: getAddress(address),
    projectId: suspension.projectId,
    reasons: suspension.reasons,
    active: suspension.liftedAt === null,
    createdAt: suspension.createdAt.toISOString(),
    liftedAt: suspension.liftedAt?.toISOString() ?? null,
    liftedBy: suspension.liftedBy,
    reviewRequestedAt: suspension.reviewRequestedAt?.toISOString() ?? null,
    reviewMessage: suspension.reviewMessage,
  };
}

export class CreateSuspensionDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_ID) annotatorId: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class UpdateSuspensionDto {
  @ApiProperty({ description: 'false lifts the suspension' }) @IsBoolean() @Equals(false) active: boolean;
}

/** What the suspensions list (react-admin's getList) can be filtered and sorted by. */
export const SUSPENSION_FILTERS = ['id', 'annotatorId', 'projectId', 'active', 'reviewRequested'] as const;
export const SUSPENSION_SORTS = ['id', 'createdAt', 'liftedAt', 'reviewRequestedAt'] as const;

/** The signed-in annotator's own suspension, as they may read it. */
export class MySuspensionDto {
  @ApiProperty() id: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The project whose labels gave it away; null when an admin suspended directly',
  })
  projectId: number | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty({ enum: ['all_projects'], enumName: 'SuspensionScope', description: 'Where labeling is stopped: everywhere' })
  scope: string;
  @ApiProperty(SUSPENSION_REASONS_PROPERTY) reasons: unknown;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) reviewRequestedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewMessage: string | null;
}

export class MyStandingDto {
  @ApiProperty({ type: MySuspensionDto, nullable: true, description: 'The active suspension; null when the annotator may work' })
  suspension: MySuspensionDto | null;
}

export class RequestReviewDto {
  @ApiProperty({ description: 'Why the suspension should be looked at again', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  message: string;
}

export function mapMySuspension({ suspension, projectName }: ActiveSuspensionRow): MySuspensionDto {
  return {
    id: suspension.id,
    projectId: suspension.projectId,
    projectName,
    // Every suspension stops the annotator's work in every project (see SuspensionsRepository.suspend).
    scope: 'all_projects',
    reasons: suspension.reasons,
    createdAt: suspension.createdAt.toISOString(),
    reviewRequestedAt: suspension.reviewRequestedAt?.toISOString() ?? null,
    reviewMessage: suspension.reviewMessage,
  };
}
