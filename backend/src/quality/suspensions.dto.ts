import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { getAddress } from 'ethers';
import { MAX_ID } from '../http/list-query.js';
import type { SuspensionRow } from './suspensions.repository.js';

export class SuspensionDto {
  @ApiProperty() id: number;
  @ApiProperty() annotatorId: number;
  @ApiProperty() annotatorAddress: string;
  @ApiProperty({ nullable: true, type: Number }) projectId: number | null;
  @ApiProperty({ description: 'The rules that fired, with their measurements', type: 'array', items: { type: 'object' } }) reasons: unknown;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) liftedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) liftedBy: number | null;
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
export const SUSPENSION_FILTERS = ['id', 'annotatorId', 'projectId', 'active'] as const;
export const SUSPENSION_SORTS = ['id', 'createdAt', 'liftedAt'] as const;
