import { Module } from '@nestjs/common';
import { OceanModule } from '../ocean/ocean.module.js';
import { IndexerRepository } from './indexer.repository.js';
import { IndexerService } from './indexer.service.js';

/**
 * The Ocean event indexer: the deployed contracts' events into PostgreSQL, the assets they describe
 * for the metadata role (aquarius) and the catalogue (market), and sales for the SALE_SINK (bound by
 * whoever provides one; without it, orders wait in ocean_orders until one is there).
 */
@Module({
  imports: [OceanModule],
  providers: [IndexerRepository, IndexerService],
  exports: [IndexerService],
})
export class IndexerModule {}
