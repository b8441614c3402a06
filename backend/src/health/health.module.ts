import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

/** GET /api/health, for load balancers and the status line of the console. */
@Module({ controllers: [HealthController], providers: [HealthRepository, HealthService] })
export class HealthModule {}
