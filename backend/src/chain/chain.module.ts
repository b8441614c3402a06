import path from 'node:path';
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { deployAll, HARDHAT_MNEMONIC, startDevChain } from '@tessera/contracts';
import { HDNodeWallet, NonceManager, Wallet, type JsonRpcProvider } from 'ethers';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { withBootLock } from '../database/session-lock.js';
import { ChainStateRepository } from './chain-state.repository.js';
import { ChainStateService } from './chain-state.service.js';
import { ChainTxsRepository } from './chain-txs.repository.js';
import { ChainTxsService } from './chain-txs.service.js';
import { CHAIN_PORT, type ChainPort } from './chain.port.js';
import { EthersChain } from './ethers-chain.js';
import { OutboxService } from './outbox.service.js';

/**
 * Hardhat's first development account: public knowledge, so only ever used on the embedded chain
 * (which funds it at genesis).
 */
export const DEV_OPERATOR_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/**
 * The embedded chain's relayer: Hardhat's last funded development account (index 19), which nothing
 * else uses, so relayed claims have a nonce sequence of their own there too.
 */
export const DEV_RELAYER_KEY = HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, "m/44'/60'/0'/0/19").privateKey;

const logger = new Logger('Chain');

/** The embedded chain process (when there is one), stopped with the application. */
class ChainLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CHAIN_PORT) private readonly chain: ChainPort & { stopEmbedded?: () => Promise<void> }) {}

  async onApplicationShutdown(): Promise<void> {
    await this.chain.close();
    await this.chain.stopEmbedded?.();
  }
}

/** The contracts recorded for this chain, deployed by `operator` first if there are none (or none with code). */
async function deployedOnce(
  provider: JsonRpcProvider,
  operator: Wallet,
  state: ChainStateRepository,
  chainId: number,
): Promise<{ token: string; distributor: string; fromBlock: number }> {
  const token = await state.get(chainId, 'address:RewardToken');
  const distributor = await state.get(chainId, 'address:PayoutDistributor');
  if (token && distributor && (await provider.getCode(distributor)) !== '0x') {
    return { token, distributor, fromBlock: Number((await state.get(chainId, 'fromBlock')) ?? 0) };
  }
  // One NonceManager: an automining chain refuses a nonce handed out twice.
  const deployment = await deployAll(new NonceManager(operator), { operator: operator.address });
  await state.set(chainId, 'address:RewardToken', deployment.rewardToken);
  await state.set(chainId, 'address:PayoutDistributor', deployment.payoutDistributor);
  await state.set(chainId, 'fromBlock', String(deployment.fromBlock));
  logger.log(`deployed RewardToken ${deployment.rewardToken} and PayoutDistributor ${deployment.payoutDistributor}`);
  return { token: deployment.rewardToken, distributor: deployment.payoutDistributor, fromBlock: deployment.fromBlock };
}

async function openChain(config: AppConfig, db: DataSource): Promise<ChainPort> {
  const state = new ChainStateRepository(db);
  const chain = config.chain;
  const chainId = config.chainId;
  if (chain.rpcUrl) {
    const provider = EthersChain.provider(chain.rpcUrl, chainId, chain.rpcTimeoutMs);
    const actual = Number((await provider.send('eth_chainId', [])) as string);
    if (actual !== chainId) throw new Error(`RPC_URL serves chain ${actual}, but CHAIN_ID is ${chainId}`);
    const operator = new Wallet(chain.operatorKey!, provider);
    const contracts =
      chain.tokenAddress && chain.distributorAddress
        ? { token: chain.tokenAddress, distributor: chain.distributorAddress, fromBlock: chain.fromBlock }
        : chain.deployContracts
          ? await withBootLock(db, `deploy:${chainId}`, () => deployedOnce(provider, operator, state, chainId))
          : undefined;
    if (!contracts) {
      throw new Error(
        'TOKEN_ADDRESS and DISTRIBUTOR_ADDRESS are required with RPC_URL: deploy with `npm run -s tessera -- deploy` (or set DEPLOY_CONTRACTS=true)',
      );
    }
    return new EthersChain(provider, chain.operatorKey!, chain.relayerKey, {
      chainId,
      publicRpcUrl: chain.publicRpcUrl ?? chain.rpcUrl,
      operator: operator.address,
      relayer: chain.relayerKey ? new Wallet(chain.relayerKey).address : null,
      rewardToken: contracts.token,
      payoutDistributor: contracts.distributor,
      fromBlock: contracts.fromBlock,
      explorerTxUrl: chain.explorerTxUrl ?? null,
    });
  }

  const started = Date.now();
  const dev = await startDevChain({ dataDir: path.join(config.dataDir, 'chain'), port: chain.embeddedPort, host: '127.0.0.1', chainId });
  const provider = EthersChain.provider(dev.url, chainId, chain.rpcTimeoutMs);
  const operator = new Wallet(DEV_OPERATOR_KEY, provider);
  // Addresses survive restarts with the chain's own journal; deploy only when this chain has none yet.
  const { token, distributor, fromBlock } = await withBootLock(db, `deploy:${chainId}`, () =>
    deployedOnce(provider, operator, state, chainId),
  );
  logger.log(`embedded chain ${chainId} on ${dev.url} ready in ${Date.now() - started} ms`);
  const port = new EthersChain(provider, DEV_OPERATOR_KEY, DEV_RELAYER_KEY, {
    chainId,
    publicRpcUrl: chain.publicRpcUrl ?? dev.url,
    operator: operator.address,
    relayer: new Wallet(DEV_RELAYER_KEY).address,
    rewardToken: token,
    payoutDistributor: distributor,
    fromBlock,
    explorerTxUrl: chain.explorerTxUrl ?? null,
  });
  return Object.assign(port, { stopEmbedded: () => dev.stop() });
}

/** Provides CHAIN_PORT (the embedded chain, or RPC_URL's), the transaction outbox, its records and the log followers' cursors. */
@Global()
@Module({})
export class ChainModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ChainModule,
      providers: [
        ChainStateRepository,
        ChainStateService,
        ChainTxsRepository,
        ChainTxsService,
        OutboxService,
        ChainLifecycle,
        { provide: CHAIN_PORT, inject: [DataSource], useFactory: (db: DataSource) => openChain(config, db) },
      ],
      exports: [CHAIN_PORT, OutboxService, ChainTxsService, ChainStateService],
    };
  }
}
