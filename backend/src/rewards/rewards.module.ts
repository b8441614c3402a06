import { Module } from '@nestjs/common';
import { BudgetService } from './budget.service.js';
import { CreditService } from './credit.service.js';
import { LedgerRepository } from './ledger.repository.js';

@Module({
  providers: [LedgerRepository, CreditService, BudgetService],
  exports: [CreditService, BudgetService, LedgerRepository],
})
export class RewardsModule {}
