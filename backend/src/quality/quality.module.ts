import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { AggregationService } from './aggregation.service.js';
import { QualityController } from './quality.controller.js';
import { QualityRepository } from './quality.repository.js';
import { QualityService } from './quality.service.js';

@Module({
  imports: [ProjectsModule],
  controllers: [QualityController],
  providers: [QualityRepository, AggregationService, QualityService],
  exports: [AggregationService],
})
export class QualityModule {}
