import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/quality.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsRepository } from './annotations.repository.js';
import { AnnotationsService } from './annotations.service.js';
import { MyLabelsController } from './my-labels.controller.js';
import { MyLabelsRepository } from './my-labels.repository.js';
import { MyLabelsService } from './my-labels.service.js';

@Module({
  imports: [RewardsModule, QualityModule],
  controllers: [AnnotationsController, MyLabelsController],
  providers: [AnnotationsRepository, AnnotationsService, MyLabelsRepository, MyLabelsService],
})
export class AnnotationsModule {}
