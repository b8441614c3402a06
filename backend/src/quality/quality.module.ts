import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { AggregationService } from './aggregation.service.js';
import { AnnotatorQualityController } from './annotator-quality.controller.js';
import { AnnotatorQualityRepository } from './annotator-quality.repository.js';
import { AnnotatorQualityService } from './annotator-quality.service.js';
import { MySuspensionController } from './my-suspension.controller.js';
import { QualificationsRepository } from './qualifications.repository.js';
import { QualificationsService } from './qualifications.service.js';
import { QualityController } from './quality.controller.js';
import { QualityRepository } from './quality.repository.js';
import { QualityService } from './quality.service.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';
import { SuspensionsController } from './suspensions.controller.js';
import { SuspensionsRepository } from './suspensions.repository.js';
import { SuspensionsService } from './suspensions.service.js';

@Module({
  imports: [ProjectsModule, RewardsModule],
  controllers: [QualityController, SuspensionsController, ReviewsController, AnnotatorQualityController, MySuspensionController],
  providers: [
    QualityRepository,
    AggregationService,
    QualityService,
    SuspensionsRepository,
    SuspensionsService,
    ReviewsRepository,
    ReviewsService,
    AnnotatorQualityRepository,
    AnnotatorQualityService,
    QualificationsRepository,
    QualificationsService,
  ],
  exports: [AggregationService, SuspensionsService, QualificationsService, QualityService],
})
export class QualityModule {}
