import { Logger } from '@nestjs/common';
import { ContractFactory, getCreateAddress, Interface, parseUnits } from 'ethers';
import type { ChainStateService } from '../chain/chain-state.service.js';
import type { ChainPort } from '../chain/chain.port.js';
import { initialFees } from '../chain/domain/tx-sending.js';
import type { AppConfig } from '../config/app-config.js';
import { oceanArtifact, type OceanContractName } from './ocean-artifacts.js';
import type { OceanAddresses } from './ocean-contracts.port.js';

/**
 * chain_state keys (per chain) of a deployment: one per address, then OCEAN_DEPLOYMENT_KEY last, which
 * marks the record complete (a crash between the writes leaves no marker: the next boot deploys again).
 */
export const OCEAN_DEPLOYMENT_KEY = 'ocean:deployment';
const ADDRESS_KEYS = ['oceanToken', 'nftFactory', 'fixedRateExchange', 'dispenser', 'router', 'opfCommunityFeeCollector'] as const;

async function recordDeployment(state: ChainStateService, addresses: OceanAddresses): Promise<void> {
  for (const key of ADDRESS_KEYS) await state.record(`ocean:${key}`, addresses[key]);
  await state.record('ocean:startBlock', String(addresses.startBlock));
  await state.record('ocean:network', addresses.network);
  await state.record(OCEAN_DEPLOYMENT_KEY, 'complete');
}

async function recordedDeployment(state: ChainStateService): Promise<OceanAddresses | undefined> {
  if ((await state.recorded(OCEAN_DEPLOYMENT_KEY)) !== 'complete') return undefined;
  const read = async (key: string): Promise<string> => {
    const value = await state.recorded(`ocean:${key}`);
    if (value === undefined) throw new Error(`the Ocean deployment record has no ocean:${key}`);
    return value;
  };
  const addresses: Record<string, string> = {};
  for (const key of ADDRESS_KEYS) addresses[key] = await read(key);
  return {
    ...(addresses as Record<(typeof ADDRESS_KEYS)[number], string>),
    network: await read('network'),
    startBlock: Number(await read('startBlock')),
  };
}

/** OCEAN minted to the operator at deployment: the embedded chain's base token for prices and test purchases. */
export const OPERATOR_OCEAN = parseUnits('1000000', 18);

/** FactoryRouter's pool template argument: Ocean's own deploy script passes this placeholder (no pools in v4.x). */
const NO_POOL_TEMPLATE = '0x000000000000000000000000000000000000dEaD';

/** A receipt is polled this often while a deployment transaction is mined. */
const RECEIPT_POLL_MS = 100;
/** A deployment transaction without a receipt after this long stops the boot (a stuck pool, a dead RPC). */
const RECEIPT_WAIT_MS = 600_000;

export interface OceanDeployment {
  readonly addresses: OceanAddresses;
  readonly gasUsed: bigint;
  readonly transactions: number;
  readonly ms: number;
}

/**
 * Deploys the Ocean contracts of @oceanprotocol/contracts 2.6.0 with the operator, one transaction at
 * a time, in the order of Ocean's scripts/deploy-contracts.js (ocean-facts C): OceanToken (+ mint to the
 * operator), OPFCommunityFeeCollector, FactoryRouter, FixedRateExchange, ERC20Template,
 * ERC20TemplateEnterprise, ERC721Template, Dispenser, ERC721Factory; then the enterprise template is
 * added (template index 2: buy and order in one transaction) and the router learns the factory, the
 * exchange and the dispenser. The enterprise exchange and fee collector are left out: nothing here uses them.
 * Nothing is recorded until every step is mined, so a crash midway means a clean redeploy.
 */
export async function deployOceanContracts(chain: ChainPort, maxFeeWei: bigint, network: string): Promise<OceanDeployment> {
  const started = Date.now();
  const operator = chain.address('operator');
  const sender = new SequentialSender(chain, maxFeeWei);
  const deploy = (name: OceanContractName, ...args: unknown[]) => sender.create(name, args);
  const call = (to: string, name: OceanContractName, fn: string, ...args: unknown[]) =>
    sender.call(to, new Interface(oceanArtifact(name).abi).encodeFunctionData(fn, args));

  const { address: oceanToken, blockNumber: startBlock } = await deploy('OceanToken', operator);
  await call(oceanToken, 'OceanToken', 'mint', operator, OPERATOR_OCEAN);
  const { address: opfCommunityFeeCollector } = await deploy('OPFCommunityFeeCollector', operator, operator);
  const { address: router } = await deploy('FactoryRouter', operator, oceanToken, NO_POOL_TEMPLATE, opfCommunityFeeCollector, []);
  const { address: fixedRateExchange } = await deploy('FixedRateExchange', router);
  const { address: erc20Template } = await deploy('ERC20Template');
  const { address: enterpriseTemplate } = await deploy('ERC20TemplateEnterprise');
  const { address: erc721Template } = await deploy('ERC721Template');
  const { address: dispenser } = await deploy('Dispenser', router);
  const { address: nftFactory } = await deploy('ERC721Factory', erc721Template, erc20Template, router);
  await call(nftFactory, 'ERC721Factory', 'addTokenTemplate', enterpriseTemplate);
  await call(router, 'FactoryRouter', 'addFactory', nftFactory);
  await call(router, 'FactoryRouter', 'addFixedRateContract', fixedRateExchange);
  await call(router, 'FactoryRouter', 'addDispenserContract', dispenser);
  return {
    addresses: { network, oceanToken, nftFactory, fixedRateExchange, dispenser, router, opfCommunityFeeCollector, startBlock },
    gasUsed: sender.gasUsed,
    transactions: sender.transactions,
    ms: Date.now() - started,
  };
}

/** Sends the operator's transactions through the chain port, each mined before the next is signed. */
class SequentialSender {
  gasUsed = 0n;
  transactions = 0;

  constructor(
    private readonly chain: ChainPort,
    private readonly maxFeeWei: bigint,
  ) {}

  async create(name: OceanContractName, args: unknown[]): Promise<{ address: string; blockNumber: number }> {
    const artifact = oceanArtifact(name);
    const { data } = await new ContractFactory(artifact.abi, artifact.bytecode).getDeployTransaction(...args);
    const { nonce, blockNumber } = await this.send(null, data, name);
    return { address: getCreateAddress({ from: this.chain.address('operator'), nonce }), blockNumber };
  }

  async call(to: string, data: string): Promise<void> {
    await this.send(to, data, to);
  }

  private async send(to: string | null, data: string, what: string): Promise<{ nonce: number; blockNumber: number }> {
    const gas = await this.chain.estimateGas('operator', { to, data });
    const fees = initialFees(await this.chain.feeMarket(), this.maxFeeWei);
    const nonce = await this.chain.nonce('operator', 'pending');
    const signed = await this.chain.sign('operator', { to, data, nonce, gasLimit: (gas * 12n) / 10n + 10_000n, fees });
    await this.chain.broadcast(signed.raw);
    const deadline = Date.now() + RECEIPT_WAIT_MS;
    for (;;) {
      const receipt = await this.chain.receipt(signed.hash);
      if (receipt) {
        if (receipt.status !== 'success') throw new Error(`Ocean deployment: ${what} reverted in ${signed.hash}`);
        this.gasUsed += BigInt(receipt.gasUsed);
        this.transactions++;
        return { nonce, blockNumber: receipt.blockNumber };
      }
      if (Date.now() > deadline) throw new Error(`Ocean deployment: no receipt for ${what} (${signed.hash}) after ${RECEIPT_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
    }
  }
}

const logger = new Logger('Ocean');

/**
 * Whether `addresses` hold a working factory (a chain restarted from scratch has no code there). An RPC
 * error is not an answer: it stops the boot rather than redeploying on a chain that has the contracts.
 */
async function factoryAnswers(chain: ChainPort, addresses: OceanAddresses): Promise<boolean> {
  const factory = new Interface(oceanArtifact('ERC721Factory').abi);
  const result = await chain.call(addresses.nftFactory, factory.encodeFunctionData('getCurrentTemplateCount'));
  if (result === '0x') return false;
  return Number(factory.decodeFunctionResult('getCurrentTemplateCount', result)[0]) >= 1;
}

/**
 * The Ocean contracts of this chain: the configured ones (OCEAN_ADDRESS_FILE or OCEAN_*_ADDRESS), else
 * those recorded by an earlier boot, else (embedded chain, or DEPLOY_CONTRACTS) deployed now and recorded.
 * Null: a real chain with no Ocean configured; Ocean is then off.
 */
export async function openOceanAddresses(config: AppConfig, chain: ChainPort, state: ChainStateService): Promise<OceanAddresses | null> {
  if (config.ocean.addresses) return config.ocean.addresses;
  if (config.chain.rpcUrl && !config.chain.deployContracts) {
    logger.warn('Ocean is off: RPC_URL without OCEAN_ADDRESS_FILE, OCEAN_*_ADDRESS or DEPLOY_CONTRACTS');
    return null;
  }
  const recorded = await recordedDeployment(state);
  if (recorded) {
    if (await factoryAnswers(chain, recorded)) return recorded;
    logger.warn(`the recorded Ocean factory ${recorded.nftFactory} does not answer on this chain: deploying again`);
    await state.record(OCEAN_DEPLOYMENT_KEY, 'stale');
  }
  const network = chain.info.chainId === 8996 ? 'development' : `chain-${chain.info.chainId}`;
  const deployment = await deployOceanContracts(chain, config.chain.txMaxFeeWei, network);
  await recordDeployment(state, deployment.addresses);
  logger.log(
    `deployed the Ocean contracts (factory ${deployment.addresses.nftFactory}): ${deployment.transactions} transactions, ` +
      `${deployment.gasUsed} gas, ${deployment.ms} ms`,
  );
  return deployment.addresses;
}
