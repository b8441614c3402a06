import { Module } from '@nestjs/common';
import { FaucetController } from './faucet.controller.js';
import { FaucetRepository } from './faucet.repository.js';
import { FaucetService } from './faucet.service.js';

/** Helpers for the embedded development chain (the faucet). */
@Module({
  controllers: [FaucetController],
  providers: [FaucetRepository, FaucetService],
})
export class DevModule {}
