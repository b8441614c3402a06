import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { IndexerModule } from '../indexer/indexer.module.js';
import { MarketController } from './market.controller.js';
import { MarketRepository } from './market.repository.js';
import { MarketService } from './market.service.js';

/** The catalogue (`/api/market/assets`); sale.ts holds the sale contract between the indexer and the revenue share. */
@Module({ imports: [IndexerModule, DatasetsModule], controllers: [MarketController], providers: [MarketRepository, MarketService] })
export class MarketModule {}
