import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['ok', 'down'] }) database: 'ok' | 'down';
  @ApiProperty({ enum: ['embedded', 'external'] }) databaseMode: 'embedded' | 'external';
  @ApiProperty({ enum: ['embedded', 'kubo'] }) storage: 'embedded' | 'kubo';
  @ApiProperty() chainId: number;
}
