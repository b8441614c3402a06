import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_STATUSES } from '../projects/domain/label-schema.js';

export class LabelsPerDayDto {
  @ApiProperty({ example: '2026-11-25' }) day: string;
  @ApiProperty() labels: number;
}

export class ActiveAnnotatorsDto {
  @ApiProperty() today: number;
  @ApiProperty() last7Days: number;
  @ApiProperty() last30Days: number;
}

export class TotalsDto {
  @ApiProperty() projects: number;
  @ApiProperty() items: number;
  @ApiProperty({ description: 'Labels submitted, counted or discarded: the figure the projects and the annotations list also give' })
  annotations: number;
  @ApiProperty({ description: 'Of those, labels that stopped counting (their annotator was suspended, or a reviewer rejected the item)' })
  discardedAnnotations: number;
  @ApiProperty() annotators: number;
  @ApiProperty({ description: 'Items waiting for a reviewer' }) pendingReviews: number;
  @ApiProperty({ description: 'Suspensions not lifted' }) activeSuspensions: number;
}

export class ProjectProgressDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PROJECT_STATUSES, enumName: 'ProjectStatus' }) status: string;
  @ApiProperty() items: number;
  @ApiProperty() completedItems: number;
  @ApiProperty({ description: 'Labels submitted, counted or discarded' }) annotations: number;
  @ApiProperty({ description: 'Of those, labels that stopped counting' }) discardedAnnotations: number;
}

export class DashboardDto {
  @ApiProperty({ type: [LabelsPerDayDto], description: 'The last 30 days (UTC), days without labels included' })
  labelsPerDay: LabelsPerDayDto[];
  @ApiProperty({ type: ActiveAnnotatorsDto }) activeAnnotators: ActiveAnnotatorsDto;
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
  @ApiProperty({ type: [ProjectProgressDto] }) projects: ProjectProgressDto[];
}
