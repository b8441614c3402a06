import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { UsersModule } from '../users/users.module.js';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';
import { ItemsImportService } from './items-import.service.js';
import { ItemsController } from './items.controller.js';
import { ItemsRepository } from './items.repository.js';
import { ItemsService } from './items.service.js';

@Module({
  imports: [ProjectsModule, RewardsModule, AuthModule, UsersModule],
  controllers: [ItemsController, FilesController],
  providers: [ItemsRepository, ItemsService, ItemsImportService, FilesService],
  exports: [ItemsImportService],
})
export class ItemsModule {}
