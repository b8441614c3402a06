import { Module } from '@nestjs/common';
import { BudgetService } from './budget.service.js';
import { ClaimsIndexer } from './claims-indexer.service.js';
import { CreditService } from './credit.service.js';
import { EarningsService } from './earnings.service.js';
import { EpochsRepository } from './epochs.repository.js';
import { EpochsService } from './epochs.service.js';
import { EthersPayoutContract } from './ethers-payout-contract.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { PAYOUT_CONTRACT } from './payout-contract.port.js';
import { RewardsAdminService } from './rewards-admin.service.js';
import { EarningsController, RewardsAdminController } from './rewards.controller.js';

/** Ledger, crediting, budgets, epochs, payouts and claims (the chain itself comes from ChainModule). */
@Module({
  controllers: [EarningsController, RewardsAdminController],
  providers: [
    LedgerRepository,
    LedgerService,
    CreditService,
    BudgetService,
    EpochsRepository,
    EpochsService,
    EarningsService,
    ClaimsIndexer,
    RewardsAdminService,
    { provide: PAYOUT_CONTRACT, useClass: EthersPayoutContract },
  ],
  // LedgerRepository stays exported until the modules that delete labels use LedgerService.
  exports: [CreditService, BudgetService, LedgerService, EpochsService],
})
export class RewardsModule {}
