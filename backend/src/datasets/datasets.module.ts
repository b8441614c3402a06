import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { DatasetBuildService } from './dataset-build.service.js';
import { DatasetsController } from './datasets.controller.js';
import { DatasetsRepository } from './datasets.repository.js';
import { DatasetsService } from './datasets.service.js';

@Module({
  imports: [ProjectsModule, QualityModule],
  controllers: [DatasetsController],
  providers: [DatasetsRepository, DatasetsService, DatasetBuildService],
  exports: [DatasetsService],
})
export class DatasetsModule {}
