import { Module } from '@nestjs/common';
import { MetricsRepository } from './metrics.repository.js';
import { MetricsService } from './metrics.service.js';

/**
 * Metrics (GET /metrics, registered on the HTTP server by http-observability.ts). Logs and request
 * ids need no module: app-logger.ts is installed when the app is created, log-context.ts is read
 * wherever a line is written.
 */
@Module({ providers: [MetricsRepository, MetricsService], exports: [MetricsService] })
export class ObservabilityModule {}
