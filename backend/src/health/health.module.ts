import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthRepository } from './health.repository.js';
import { HealthService } from './health.service.js';

/** GET /api/health (liveness: restarts, the status line of the console) and /api/health/ready (readiness: load balancers). */
@Module({ controllers: [HealthController], providers: [HealthRepository, HealthService] })
export class HealthModule {}
