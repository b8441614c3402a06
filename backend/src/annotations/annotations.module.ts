import { Module } from '@nestjs/common';
import { RewardsModule } from '../rewards/rewards.module.js';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsRepository } from './annotations.repository.js';
import { AnnotationsService } from './annotations.service.js';

@Module({
  imports: [RewardsModule],
  controllers: [AnnotationsController],
  providers: [AnnotationsRepository, AnnotationsService],
})
export class AnnotationsModule {}
