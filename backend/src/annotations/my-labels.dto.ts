import { ApiProperty, PickType } from '@nestjs/swagger';
import { PROJECT_TYPES } from '../projects/domain/label-schema.js';
import { DocumentsLabelResults, labelResultProperty } from '../projects/label-result.dto.js';
import { CreateAnnotationDto } from './annotation.dto.js';
import { LABEL_STATUSES } from './domain/label-status.js';

@DocumentsLabelResults()
export class MyLabelDto {
  @ApiProperty() id: number;
  @ApiProperty() projectId: number;
  @ApiProperty() projectName: string;
  @ApiProperty({ enum: PROJECT_TYPES, enumName: 'ProjectType' }) projectType: string;
  @ApiProperty({ description: 'The opaque reference the assignment showed for the item' }) itemId: string;
  @ApiProperty(labelResultProperty()) result: unknown;
  @ApiProperty({
    enum: LABEL_STATUSES,
    enumName: 'LabelStatus',
    description:
      'pending: the quality check has not decided its item yet; accepted: it matches the settled answer and counts; rejected: the item was settled otherwise; discarded: withdrawn by a suspension',
  })
  status: string;
  @ApiProperty({ description: 'The label may still be corrected (PUT /me/labels/:id): pending, and its project active' })
  correctable: boolean;
  @ApiProperty({ description: 'Tokens the label earned so far (net of reversals), decimal string' }) earned: string;
  @ApiProperty() createdAt: string;
}

export class MyLabelItemDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "Signed URLs of the item's stored files by CID" })
  files: Record<string, string>;
}

export class MyLabelDetailDto extends MyLabelDto {
  @ApiProperty({ type: MyLabelItemDto, description: 'The item as the annotator labeled it, to correct the label in the same widget' })
  item: MyLabelItemDto;
}

export class LabelCountsDto {
  @ApiProperty({ description: 'Every label this annotator submitted' }) submitted: number;
  @ApiProperty({ description: 'Awaiting the quality check' }) pending: number;
  @ApiProperty({ description: 'Matched the settled answer: they count (and earn)' }) accepted: number;
  @ApiProperty({ description: 'Their item was settled otherwise' }) rejected: number;
  @ApiProperty({ description: 'Withdrawn by a suspension' }) discarded: number;
}

export class ProjectTrustDto {
  @ApiProperty() projectId: number;
  @ApiProperty() projectName: string;
  @ApiProperty({ description: 'Trust, 0..1, from the last quality check of the project' }) trust: number;
  @ApiProperty({ description: 'What an accepted label earns, times the project rate (0.5..1.25)' }) multiplier: number;
}

export class TrustRuleDto {
  @ApiProperty({ description: 'Trust at which a label earns exactly the rate' }) parTrust: number;
  @ApiProperty() minMultiplier: number;
  @ApiProperty() maxMultiplier: number;
  @ApiProperty({ description: 'Trust of an annotator the quality check has not measured yet' }) startingTrust: number;
}

export class MyLabelsDto {
  @ApiProperty({ type: LabelCountsDto }) counts: LabelCountsDto;
  @ApiProperty({ type: [ProjectTrustDto] }) trust: ProjectTrustDto[];
  @ApiProperty({ type: TrustRuleDto }) trustRule: TrustRuleDto;
  @ApiProperty({ type: [MyLabelDto], description: 'The latest labels, newest first' }) recent: MyLabelDto[];
}

export class CorrectLabelDto extends PickType(CreateAnnotationDto, ['result'] as const) {}
