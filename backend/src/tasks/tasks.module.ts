import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { AdmissionService } from './admission.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [ProjectsModule, QualityModule, RewardsModule],
  controllers: [TasksController],
  providers: [AssignmentsRepository, AdmissionService, TasksService],
})
export class TasksModule {}
