import { Module } from '@nestjs/common';
import { ChainStateService } from '../chain/chain-state.service.js';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { withBootLock } from '../database/session-lock.js';
import { EthersOceanContracts } from './ethers-ocean-contracts.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from './ocean-contracts.port.js';
import { openOceanAddresses } from './ocean-deployment.js';
import { OceanPublisherService } from './ocean-publisher.service.js';
import { OceanController } from './ocean.controller.js';
import { OceanService } from './ocean.service.js';

/**
 * Ocean Protocol on the platform's chain: the contracts (deployed at first boot on the embedded chain,
 * before the outbox starts sending), the ocean.js config endpoint, and the publisher other modules drive.
 */
@Module({
  controllers: [OceanController],
  providers: [
    OceanService,
    OceanPublisherService,
    {
      provide: OCEAN_CONTRACTS,
      inject: [APP_CONFIG, CHAIN_PORT, ChainStateService, DataSource],
      useFactory: async (config: AppConfig, chain: ChainPort, state: ChainStateService, db: DataSource): Promise<OceanContractsRef> => {
        // Processes starting at once on one database deploy (and record) Ocean's contracts once.
        const addresses = await withBootLock(db, `ocean:${chain.info.chainId}`, () => openOceanAddresses(config, chain, state));
        return { contracts: addresses ? new EthersOceanContracts(chain, addresses) : null };
      },
    },
  ],
  exports: [OceanPublisherService, OCEAN_CONTRACTS],
})
export class OceanModule {}
