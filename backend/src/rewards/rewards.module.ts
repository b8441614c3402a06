import { Module } from '@nestjs/common';
import { BudgetService } from './budget.service.js';
import { ClaimsIndexer } from './claims-indexer.service.js';
import { CreditService } from './credit.service.js';
import { EarningsService } from './earnings.service.js';
import { EpochsRepository } from './epochs.repository.js';
import { EpochsService } from './epochs.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { EarningsController, RewardsAdminController } from './rewards.controller.js';

/** Ledger, crediting, budgets, epochs, payouts and claims (the chain itself comes from ChainModule). */
@Module({
  controllers: [EarningsController, RewardsAdminController],
  providers: [LedgerRepository, CreditService, BudgetService, EpochsRepository, EpochsService, EarningsService, ClaimsIndexer],
  exports: [CreditService, BudgetService, LedgerRepository, EpochsService],
})
export class RewardsModule {}
