import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { STORAGE_PORT, type StoragePort } from '../storage/storage.port.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['ok', 'down'] }) database: 'ok' | 'down';
  @ApiProperty({ enum: ['embedded', 'external'] }) databaseMode: 'embedded' | 'external';
  @ApiProperty({ enum: ['embedded', 'kubo'] }) storage: 'embedded' | 'kubo';
  @ApiProperty() chainId: number;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    const database = await this.db.query('SELECT 1').then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      databaseMode: this.config.databaseUrl ? 'external' : 'embedded',
      storage: this.storage.kind,
      chainId: this.config.chainId,
    };
  }
}
