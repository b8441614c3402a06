import { Inject, Injectable } from '@nestjs/common';
import { CHAIN_PORT, type ChainPort } from '../chain/chain.port.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { providerAddress } from './domain/provider-encryption.js';
import { OCEAN_CONTRACTS, type OceanContractsRef } from './ocean-contracts.port.js';
import type { OceanConfigDto } from './ocean.dto.js';
import { OceanException } from './ocean.exception.js';

/** What an ocean.js client is told about this deployment. */
@Injectable()
export class OceanService {
  constructor(
    @Inject(OCEAN_CONTRACTS) private readonly ref: OceanContractsRef,
    @Inject(CHAIN_PORT) private readonly chain: ChainPort,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** An ocean.js 8.6.2 `Config` for this chain, Tessera as its Ocean node (provider and metadata cache). */
  config(): OceanConfigDto {
    const contracts = this.ref.contracts;
    if (!contracts) throw new OceanException(ErrorCode.OCEAN_NOT_CONFIGURED, 'Ocean is not configured on this chain');
    const { addresses } = contracts;
    const node = this.app.publicUrl.toString().replace(/\/$/, '');
    const explorer = this.app.chain.explorerTxUrl;
    return {
      chainId: this.chain.info.chainId,
      network: addresses.network,
      nodeUri: this.chain.info.publicRpcUrl,
      oceanNodeUri: node,
      providerUri: node,
      metadataCacheUri: node,
      providerAddress: this.app.ocean.providerKey ? providerAddress(this.app.ocean.providerKey) : null,
      nftFactoryAddress: addresses.nftFactory,
      fixedRateExchangeAddress: addresses.fixedRateExchange,
      dispenserAddress: addresses.dispenser,
      oceanTokenAddress: addresses.oceanToken,
      oceanTokenSymbol: 'OCEAN',
      routerFactoryAddress: addresses.router,
      opfCommunityFeeCollector: addresses.opfCommunityFeeCollector,
      startBlock: addresses.startBlock,
      // EXPLORER_TX_URL is `<explorer>/tx/`: the explorer is what comes before.
      explorerUri: explorer ? new URL('..', explorer).toString().replace(/\/$/, '') : null,
      sdk: 'evm',
      // ocean.js's defaults for chains it knows no better for (ConfigHelper's base entry).
      transactionBlockTimeout: 50,
      transactionConfirmationBlocks: 1,
      transactionPollingTimeout: 750,
      gasFeeMultiplier: 1,
    };
  }
}
