import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module.js';
import { NodeRootController } from './node-root.controller.js';
import { OrderReader } from './order-reader.js';
import { ProviderNoncesRepository } from './provider-nonces.repository.js';
import { ProviderController } from './provider.controller.js';
import { ProviderService } from './provider.service.js';

/** Tessera in the Provider role of an Ocean Node (ocean.js 8 works against it unchanged) for the datasets it published. */
@Module({
  imports: [DatasetsModule],
  controllers: [NodeRootController, ProviderController],
  providers: [ProviderService, ProviderNoncesRepository, OrderReader],
})
export class ProviderModule {}
