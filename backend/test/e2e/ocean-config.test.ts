import { createRequire } from 'node:module';
import { Contract, JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call } from '../support/wallet.js';

const require = createRequire(import.meta.url);
const factoryAbi = (require('@oceanprotocol/contracts/artifacts/contracts/ERC721Factory.sol/ERC721Factory.json') as { abi: [] }).abi;
const templateAbi = (
  require('@oceanprotocol/contracts/artifacts/contracts/templates/ERC20TemplateEnterprise.sol/ERC20TemplateEnterprise.json') as { abi: [] }
).abi;
const routerAbi = (require('@oceanprotocol/contracts/artifacts/contracts/pools/FactoryRouter.sol/FactoryRouter.json') as { abi: [] }).abi;

interface OceanConfig {
  chainId: number;
  network: string;
  nodeUri: string;
  oceanNodeUri: string;
  providerUri: string;
  metadataCacheUri: string;
  providerAddress: string;
  nftFactoryAddress: string;
  fixedRateExchangeAddress: string;
  dispenserAddress: string;
  oceanTokenAddress: string;
  routerFactoryAddress: string;
  opfCommunityFeeCollector: string;
  explorerUri: string | null;
}

let t: TestApp;
let provider: JsonRpcProvider;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  provider?.destroy();
  await t?.close();
});

describe('GET /api/ocean/config', () => {
  it('answers anyone an ocean.js Config whose contracts are deployed and wired on the chain it names', async () => {
    const answer = await call<OceanConfig>(t.baseUrl, undefined, 'GET', '/api/ocean/config');
    expect(answer.status).toBe(200);
    const config = answer.body;
    expect(config).toMatchObject({
      chainId: 8996,
      network: 'development',
      oceanNodeUri: t.config.publicUrl.toString().replace(/\/$/, ''),
      explorerUri: null,
    });
    expect(config.providerUri).toBe(config.oceanNodeUri);
    expect(config.metadataCacheUri).toBe(config.oceanNodeUri);

    provider = new JsonRpcProvider(config.nodeUri, config.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    expect(Number(await provider.send('eth_chainId', []))).toBe(config.chainId);
    for (const key of [
      'nftFactoryAddress',
      'fixedRateExchangeAddress',
      'dispenserAddress',
      'oceanTokenAddress',
      'routerFactoryAddress',
      'opfCommunityFeeCollector',
    ] as const) {
      expect(config[key], key).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect((await provider.getCode(config[key])).length, `${key} holds code`).toBeGreaterThan(2);
    }

    // The factory offers template 1 and, at index 2, the enterprise template (getId() 2: buy and order in one transaction).
    const factory = new Contract(config.nftFactoryAddress, factoryAbi, provider);
    expect(await factory.getFunction('getCurrentTemplateCount')()).toBe(2n);
    const [templateAddress, active] = (await factory.getFunction('getTokenTemplate')(2)) as [string, boolean];
    expect(active).toBe(true);
    expect(await new Contract(templateAddress, templateAbi, provider).getFunction('getId')()).toBe(2n);
    // The router knows the factory, the exchange, the dispenser, the fee collector, and OCEAN as an approved base token.
    const router = new Contract(config.routerFactoryAddress, routerAbi, provider);
    expect(await router.getFunction('factory')()).toBe(config.nftFactoryAddress);
    expect(await router.getFunction('isFixedRateContract')(config.fixedRateExchangeAddress)).toBe(true);
    expect(await router.getFunction('isDispenserContract')(config.dispenserAddress)).toBe(true);
    expect(await router.getFunction('getOPCCollector')()).toBe(config.opfCommunityFeeCollector);
    expect(await router.getFunction('isApprovedToken')(config.oceanTokenAddress)).toBe(true);
  });
});
