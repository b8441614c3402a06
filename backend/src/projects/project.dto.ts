import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus, type ProjectType } from './domain/label-schema.js';
import type { ProjectEntity } from './project.entity.js';

const TOKEN_AMOUNT = /^(0|[1-9]\d{0,17})(\.\d{1,18})?$/;

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: PROJECT_TYPES, enumName: 'ProjectType' }) @IsIn(PROJECT_TYPES) type: ProjectType;
  @ApiProperty({ type: [String], example: ['positive', 'negative'] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  labels: string[];
  @ApiProperty({ minimum: 1, maximum: 50, description: 'Annotations each item gets' })
  @IsInt()
  @Min(1)
  @Max(50)
  overlap: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Dynamic overlap: most labels an unsure item may get (default: overlap)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxOverlap?: number;
  @ApiPropertyOptional({ minimum: 0.5, maximum: 1, description: 'Confidence at which an item is settled (default 0.8)' })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(1)
  targetConfidence?: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 0.5,
    description: 'Share of assignments that are gold items, when the project has gold (default 0.1)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.5)
  goldRate?: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 50,
    description: 'Gold items a new annotator answers (gold-heavy) before their labels count; 0 turns it off (default 4)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  qualificationSize?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Share of the qualification to answer correctly (default 0.75)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  qualificationMinAccuracy?: number;
  @ApiPropertyOptional({ minimum: 10, description: 'How long an annotator holds an item' })
  @IsOptional()
  @IsInt()
  @Min(10)
  leaseSeconds?: number;
  @ApiProperty({ example: '0.5', description: 'Tokens per accepted label, a decimal string' })
  @IsString()
  @Matches(TOKEN_AMOUNT, { message: 'rewardPerLabel must be a decimal string of tokens with at most 18 decimals' })
  rewardPerLabel: string;
  @ApiPropertyOptional({
    example: '1000',
    nullable: true,
    type: String,
    description: 'Most tokens the project pays in all; null: no limit',
  })
  @IsOptional()
  @IsString()
  @Matches(TOKEN_AMOUNT, { message: 'rewardBudget must be a decimal string of tokens with at most 18 decimals' })
  rewardBudget?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50_000) instructions?: string;
  @ApiPropertyOptional({ enum: PROJECT_STATUSES, enumName: 'ProjectStatus' }) @IsOptional() @IsIn(PROJECT_STATUSES) status?: ProjectStatus;
}

/** Any of the fields of a new project; those given are checked as on creation. */
export class UpdateProjectDto extends PartialType(CreateProjectDto) {}

export class ProjectStatsDto {
  @ApiProperty() items: number;
  @ApiProperty({ description: 'Items with all their annotations' }) completedItems: number;
  @ApiProperty({
    description: 'Labels submitted, counted or discarded: the annotations list filtered by the project gives as many',
  })
  annotations: number;
  @ApiProperty({ description: 'Of those, labels that stopped counting (their annotator was suspended, or a reviewer rejected the item)' })
  discardedAnnotations: number;
}

export class ProjectDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PROJECT_TYPES, enumName: 'ProjectType' }) type: ProjectType;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty() overlap: number;
  @ApiProperty() maxOverlap: number;
  @ApiProperty() targetConfidence: number;
  @ApiPropertyOptional({ description: 'Managers only, like the two below: annotators are not told how they are checked' })
  goldRate?: number;
  @ApiPropertyOptional() qualificationSize?: number;
  @ApiPropertyOptional() qualificationMinAccuracy?: number;
  @ApiProperty() leaseSeconds: number;
  @ApiProperty() rewardPerLabel: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Managers only' }) rewardBudget?: string | null;
  @ApiProperty() instructions: string;
  @ApiProperty({ enum: PROJECT_STATUSES, enumName: 'ProjectStatus' }) status: ProjectStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: ProjectStatsDto }) stats?: ProjectStatsDto;
}

/** Postgres numeric keeps trailing zeros (`1.500000000000000000`); tokens read better without. */
export function formatTokenAmount(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** `forManager`: with the quality-check settings, which annotators do not see. */
export function mapProject(project: ProjectEntity, stats?: ProjectStatsDto, forManager = true): ProjectDto {
  const dto: ProjectDto = {
    id: project.id,
    name: project.name,
    type: project.type as ProjectType,
    labels: project.labels,
    overlap: project.overlap,
    maxOverlap: project.maxOverlap,
    targetConfidence: project.targetConfidence,
    leaseSeconds: project.leaseSeconds,
    rewardPerLabel: formatTokenAmount(project.rewardPerLabel),
    instructions: project.instructions,
    status: project.status as ProjectStatus,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
  if (forManager) {
    dto.rewardBudget = project.rewardBudget === null ? null : formatTokenAmount(project.rewardBudget);
    dto.goldRate = project.goldRate;
    dto.qualificationSize = project.qualificationSize;
    dto.qualificationMinAccuracy = project.qualificationMinAccuracy;
  }
  if (stats) dto.stats = stats;
  return dto;
}

/** What the projects list (react-admin's getList) can be filtered and sorted by. */
export const PROJECT_FILTERS = ['id', 'q', 'status', 'type'] as const;
export const PROJECT_SORTS = ['id', 'name', 'type', 'status', 'overlap', 'createdAt', 'updatedAt'] as const;
