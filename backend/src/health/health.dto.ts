import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['ok', 'down'] }) database: 'ok' | 'down';
  @ApiProperty({ enum: ['embedded', 'external'] }) databaseMode: 'embedded' | 'external';
  @ApiProperty({ enum: ['embedded', 'kubo'] }) storage: 'embedded' | 'kubo';
  @ApiProperty() chainId: number;
}

/** One dependency as /api/health/ready found it. */
export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ description: 'How long the check took (up to the readiness timeout), in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional({
    enum: ['timeout', 'error'],
    description: "Why it is down: no answer within READY_TIMEOUT_MS, or an error (the server's log has it)",
  })
  reason?: 'timeout' | 'error';
}

export class ReadinessChecksDto {
  @ApiProperty({ type: DependencyCheckDto, description: 'PostgreSQL, through the application pool (SELECT 1)' })
  database: DependencyCheckDto;
  @ApiProperty({ type: DependencyCheckDto, description: "The job queue (pg-boss), through the queue's own connections" })
  queue: DependencyCheckDto;
  @ApiProperty({ type: DependencyCheckDto, description: "The chain's JSON-RPC endpoint (eth_blockNumber)" })
  chain: DependencyCheckDto;
  @ApiProperty({ type: DependencyCheckDto, description: 'File storage: kubo (or the embedded blockstore) answering a lookup' })
  storage: DependencyCheckDto;
}

export class ReadinessDto {
  @ApiProperty({
    enum: ['ready', 'not-ready', 'stopping'],
    description: 'ready only when every dependency is up; stopping once the process got SIGTERM (both others are a 503)',
  })
  status: 'ready' | 'not-ready' | 'stopping';
  @ApiProperty({ type: ReadinessChecksDto }) checks: ReadinessChecksDto;
}
