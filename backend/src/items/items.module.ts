import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { FilesController } from './files.controller.js';
import { ItemsImportService } from './items-import.service.js';
import { ItemsController } from './items.controller.js';
import { ItemsRepository } from './items.repository.js';
import { ItemsService } from './items.service.js';

@Module({
  imports: [ProjectsModule, RewardsModule],
  controllers: [ItemsController, FilesController],
  providers: [ItemsRepository, ItemsService, ItemsImportService],
  exports: [ItemsRepository, ItemsImportService],
})
export class ItemsModule {}
