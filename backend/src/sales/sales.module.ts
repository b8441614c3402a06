import { Global, Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { SALE_SINK } from '../market/sale.js';
import { ListingController, PurchasesController, SalesController } from './sales.controller.js';
import { SalesRepository } from './sales.repository.js';
import { SalesService } from './sales.service.js';

/**
 * Dataset sales and the annotators' share of them. Global: the chain indexer injects SALE_SINK, the
 * rewards module reads an annotator's shares for their earnings.
 */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [SalesController, ListingController, PurchasesController],
  providers: [SalesRepository, SalesService, { provide: SALE_SINK, useExisting: SalesService }],
  exports: [SalesService, SALE_SINK],
})
export class SalesModule {}
