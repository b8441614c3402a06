import { Module } from '@nestjs/common';
import { IndexerModule } from '../indexer/indexer.module.js';
import { OceanModule } from '../ocean/ocean.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { DatasetBuildService } from './dataset-build.service.js';
import { DatasetPublicationsRepository } from './dataset-publications.repository.js';
import { DatasetPublishService } from './dataset-publish.service.js';
import { DatasetsController } from './datasets.controller.js';
import { DatasetsRepository } from './datasets.repository.js';
import { DatasetsService } from './datasets.service.js';

@Module({
  imports: [ProjectsModule, QualityModule, OceanModule, IndexerModule],
  controllers: [DatasetsController],
  providers: [DatasetsRepository, DatasetPublicationsRepository, DatasetsService, DatasetBuildService, DatasetPublishService],
  exports: [DatasetsService],
})
export class DatasetsModule {}
