import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { RewardsModule } from '../rewards/rewards.module.js';
import { AdmissionService } from './admission.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';

@Module({
  imports: [ProjectsModule, QualityModule, RewardsModule],
  controllers: [AssignmentsController],
  providers: [AssignmentsRepository, AdmissionService, AssignmentsService],
})
export class AssignmentsModule {}
