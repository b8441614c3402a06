import { Module } from '@nestjs/common';
import { IndexerModule } from '../indexer/indexer.module.js';
import { AquariusController } from './aquarius.controller.js';
import { AquariusService } from './aquarius.service.js';

/** Ocean's metadata role (`/api/aquarius/...`) over the indexer's assets. */
@Module({ imports: [IndexerModule], controllers: [AquariusController], providers: [AquariusService] })
export class AquariusModule {}
