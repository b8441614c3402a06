import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { payoutDistributorArtifact, startDevChain, type DevChain } from '@tessera/contracts';
import { Contract, JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { startTestPlatform } from '../support/test-platform.js';

/** Hardhat's third development account (public). */
const KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const ADDRESS = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

let chain: DevChain;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-deploy-'));
  chain = await startDevChain({ dataDir: path.join(dir, 'chain'), port: 0 });
});

afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run tessera -- deploy', () => {
  it('deploys the contracts on RPC_URL with OPERATOR_PRIVATE_KEY and prints the backend settings', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'deploy'], {
      env: { PATH: process.env['PATH'], RPC_URL: chain.url, OPERATOR_PRIVATE_KEY: KEY, CHAIN_ID: '8996', TESSERA_DATA_DIR: dir },
    });
    const settings = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    expect(settings['CHAIN_ID']).toBe('8996');
    const provider = new JsonRpcProvider(chain.url, 8996, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    try {
      expect(await provider.getCode(settings['TOKEN_ADDRESS']!)).not.toBe('0x');
      const distributor = new Contract(settings['DISTRIBUTOR_ADDRESS']!, payoutDistributorArtifact.abi, provider);
      const operatorRole = (await distributor.getFunction('OPERATOR_ROLE')()) as string;
      expect(await distributor.getFunction('hasRole')(operatorRole, ADDRESS)).toBe(true);
      expect(Number(settings['CHAIN_FROM_BLOCK'])).toBeGreaterThan(0);
    } finally {
      provider.destroy();
    }
  });

  it('the platform runs on RPC_URL: with deployed addresses, or deploying once with DEPLOY_CONTRACTS', async () => {
    const deployedBy = await startTestPlatform({ RPC_URL: chain.url, OPERATOR_PRIVATE_KEY: KEY, DEPLOY_CONTRACTS: 'true' });
    let deployed: ChainPort['info'];
    try {
      deployed = deployedBy.tessera.app.get<ChainPort>(CHAIN_PORT).info;
      expect(deployed).toMatchObject({ chainId: 8996, operator: ADDRESS, publicRpcUrl: new URL(chain.url).toString() });
    } finally {
      await deployedBy.close();
    }
    const configured = await startTestPlatform({
      RPC_URL: chain.url,
      OPERATOR_PRIVATE_KEY: KEY,
      TOKEN_ADDRESS: deployed.rewardToken,
      DISTRIBUTOR_ADDRESS: deployed.payoutDistributor,
    });
    try {
      expect(configured.tessera.app.get<ChainPort>(CHAIN_PORT).info.payoutDistributor).toBe(deployed.payoutDistributor);
    } finally {
      await configured.close();
    }
    await expect(startTestPlatform({ RPC_URL: chain.url, OPERATOR_PRIVATE_KEY: KEY })).rejects.toThrow(/TOKEN_ADDRESS/);
  });

  it('refuses to run without a chain to deploy on', async () => {
    await expect(
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'deploy'], {
        env: { PATH: process.env['PATH'], TESSERA_DATA_DIR: dir },
      }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('RPC_URL') });
  });
});
