import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Contract, HDNodeWallet, JsonRpcProvider, MaxUint256, type Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTree } from '../src/merkle/index.js';
import { freshLeaves } from '../bench/gas.js';
import { resolveDevChainOptions } from '../src/dev-chain/options.js';
import { deployAll, HARDHAT_MNEMONIC, payoutDistributorArtifact, rewardTokenArtifact, startDevChain, type DevChain } from '../src/index.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-dev-chain-'));
  folders.push(folder);
  return folder;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function connect(chain: DevChain): JsonRpcProvider {
  return new JsonRpcProvider(chain.url, undefined, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
}

function wallet(provider: JsonRpcProvider, index: number): Wallet {
  return HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).connect(provider) as unknown as Wallet;
}

/** Alive and not a zombie (a SIGKILLed parent's child may be reparented to an init that does not reap). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (condition()) return true;
  }
  return condition();
}

describe('startDevChain', () => {
  it('keeps deployments, balances and claims across a restart', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    let chain = await startDevChain({ dataDir, port });
    console.log(`dev chain: first start ${chain.startupMs} ms (from the TypeScript sources, through tsx)`);
    expect(chain.url).toBe(`http://127.0.0.1:${port}`);
    expect(chain.accounts).toHaveLength(20);
    let provider = connect(chain);
    expect((await provider.getNetwork()).chainId).toBe(8996n);

    const [deployer, operator, relayer] = [0, 1, 2].map((i) => wallet(provider, i));
    const deployment = await deployAll(deployer!, { operator: operator!.address });
    const token = new Contract(deployment.rewardToken, rewardTokenArtifact.abi, operator);
    const distributor = new Contract(deployment.payoutDistributor, payoutDistributorArtifact.abi, operator);
    await (await token.getFunction('mint')(operator!.address, 10n ** 24n)).wait();
    await (await token.getFunction('approve')(deployment.payoutDistributor, MaxUint256)).wait();
    const leaves = freshLeaves(77n, 3);
    const tree = buildTree(leaves);
    const expiry = (await provider.getBlock('latest'))!.timestamp + 86_400;
    await (await distributor.getFunction('postEpoch')(77n, tree.root, tree.total, expiry)).wait();
    const relayed = distributor.connect(relayer!) as Contract;
    const claim = (i: number) => relayed.getFunction('claim')(77n, i, leaves[i]!.account, leaves[i]!.amount, tree.proof(i));
    await (await claim(1)).wait();
    // Development methods that change state are journaled too; the dead account shows hardhat_setBalance.
    await provider.send('hardhat_setBalance', ['0x000000000000000000000000000000000000dEaD', '0x2a']);
    const movedBy = Number(await provider.send('evm_increaseTime', [3_600]));
    expect(movedBy).toBeGreaterThanOrEqual(3_600);

    const code = await provider.getCode(deployment.payoutDistributor);
    const before = await provider.getBlock('latest');
    const chainTimeBefore = before!.timestamp;
    const journaled = readFileSync(join(dataDir, 'chain-journal.jsonl'), 'utf8').trim().split('\n').length - 1;
    provider.destroy();
    await chain.stop();

    chain = await startDevChain({ dataDir, port });
    console.log(`dev chain: restart replaying ${chain.replayed} journal entries in ${chain.startupMs} ms`);
    expect(chain.replayed).toBe(journaled);
    provider = connect(chain);
    const after = await provider.getBlock('latest');
    expect(after!.number).toBe(before!.number);
    expect(after!.hash).toBe(before!.hash);
    const tokenAfter = token.connect(provider) as Contract;
    const distributorAfter = new Contract(deployment.payoutDistributor, payoutDistributorArtifact.abi, wallet(provider, 2));
    expect(code.length).toBeGreaterThan(1_000);
    expect(await provider.getCode(deployment.payoutDistributor)).toBe(code);
    expect(await tokenAfter.getFunction('balanceOf')(leaves[1]!.account)).toBe(leaves[1]!.amount);
    expect(await distributorAfter.getFunction('isClaimed')(77n, 1)).toBe(true);
    expect(await distributorAfter.getFunction('isClaimed')(77n, 0)).toBe(false);
    expect(await provider.getBalance('0x000000000000000000000000000000000000dEaD')).toBe(42n);

    // The chain clock kept its hour ahead of the wall clock, and nonces continue.
    await provider.send('evm_mine', []);
    expect((await provider.getBlock('latest'))!.timestamp).toBeGreaterThanOrEqual(chainTimeBefore);
    expect((await provider.getBlock('latest'))!.timestamp).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3_590);
    await (await distributorAfter.getFunction('claim')(77n, 0, leaves[0]!.account, leaves[0]!.amount, tree.proof(0))).wait();
    expect(await tokenAfter.getFunction('balanceOf')(leaves[0]!.account)).toBe(leaves[0]!.amount);
    await expect(distributorAfter.getFunction('claim')(77n, 1, leaves[1]!.account, leaves[1]!.amount, tree.proof(1))).rejects.toThrow();

    // What the journal cannot hold is refused.
    for (const method of ['evm_snapshot', 'hardhat_impersonateAccount', 'evm_setAutomine', 'hardhat_reset']) {
      await expect(provider.send(method, method === 'hardhat_impersonateAccount' ? [deployer!.address] : [])).rejects.toThrow(
        /not supported/,
      );
    }
    provider.destroy();
    await chain.stop();
  });

  it('drops a journal line cut short by a crash, and journals a rebroadcast transaction once', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    let chain = await startDevChain({ dataDir, port });
    let provider = connect(chain);
    const signed = await wallet(provider, 0).signTransaction(
      await wallet(provider, 0).populateTransaction({ to: wallet(provider, 5).address, value: 1n }),
    );
    await provider.send('eth_sendRawTransaction', [signed]);
    provider.destroy();
    await chain.stop();
    appendFileSync(join(dataDir, 'chain-journal.jsonl'), '{"kind":"tx","raw":"0x02f8');

    chain = await startDevChain({ dataDir, port });
    expect(chain.replayed).toBe(1);
    provider = connect(chain);
    expect(await provider.getBlockNumber()).toBe(1);
    // An outbox rebroadcasting its signed transactions on boot: refused (already mined), not journaled again.
    await expect(provider.send('eth_sendRawTransaction', [signed])).rejects.toThrow();
    provider.destroy();
    await chain.stop();

    chain = await startDevChain({ dataDir, port });
    expect(chain.replayed).toBe(1);
    await chain.stop();
  });

  it('without a journal keeps nothing and serves the mempool methods: a held transaction is replaced by a higher fee', async () => {
    const dataDir = dataFolder();
    const chain = await startDevChain({ dataDir, port: await freePort(), journal: false });
    const provider = connect(chain);
    const [sender, receiver] = [0, 1].map((i) => wallet(provider, i));
    await provider.send('evm_setAutomine', [false]);
    const fees = await provider.getFeeData();
    const nonce = await sender!.getNonce('pending');
    const transfer = (bump: bigint) =>
      sender!.signTransaction({
        to: receiver!.address,
        value: 1n,
        nonce,
        gasLimit: 21_000n,
        chainId: chain.chainId,
        type: 2,
        maxFeePerGas: (fees.maxFeePerGas! * bump) / 100n,
        maxPriorityFeePerGas: (fees.maxPriorityFeePerGas! * bump) / 100n,
      });
    const held = (await provider.send('eth_sendRawTransaction', [await transfer(100n)])) as string;
    expect(await provider.getTransactionReceipt(held)).toBeNull();
    // The same nonce takes a replacement only for 10% more.
    await expect(provider.send('eth_sendRawTransaction', [await transfer(105n)])).rejects.toMatchObject({
      code: 'REPLACEMENT_UNDERPRICED',
    });
    const replacement = (await provider.send('eth_sendRawTransaction', [await transfer(113n)])) as string;
    await provider.send('evm_mine', []);
    expect((await provider.getTransactionReceipt(replacement))?.status).toBe(1);
    expect(await provider.getTransactionReceipt(held)).toBeNull();
    provider.destroy();
    await chain.stop();
    expect(readdirSync(dataDir).filter((file) => file.endsWith('.jsonl'))).toEqual([]);
  });

  it('answers CORS preflights, for browser wallets', async () => {
    const chain = await startDevChain({ dataDir: dataFolder(), port: await freePort() });
    const response = await fetch(chain.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await chain.stop();
  });

  it('dies with its parent, even a SIGKILLed one, and a new parent can take the folder over at once', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    const startParent = async () => {
      const script = join(import.meta.dirname, 'support/dev-chain-parent.ts');
      const parent = spawn(process.execPath, ['--import', 'tsx', script, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [line] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string];
      return { parent, chainPid: (JSON.parse(line) as { pid: number }).pid };
    };

    const first = await startParent();
    expect(isRunning(first.chainPid)).toBe(true);
    first.parent.kill('SIGKILL');
    expect(await waitUntil(() => !isRunning(first.chainPid), 3_000)).toBe(true);

    // Killed again, and this time a new chain is started on the folder right away, while the old one exits.
    const second = await startParent();
    second.parent.kill('SIGKILL');
    const chain = await startDevChain({ dataDir, port });
    expect(isRunning(second.chainPid)).toBe(false);
    const provider = connect(chain);
    expect(await provider.getBlockNumber()).toBe(0);
    provider.destroy();
    await chain.stop();
    expect(await waitUntil(() => !isRunning(chain.pid), 3_000)).toBe(true);
  });

  it('kills a chain process still holding the folder and its port before starting a new one', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    // A chain process whose parent is alive but forgot it: nothing tells it to exit.
    const options = JSON.stringify(resolveDevChainOptions({ dataDir, port }));
    const stale = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../src/dev-chain/server.ts'), options], {
      stdio: 'ignore',
    });
    try {
      for (
        let tries = 0;
        !(await fetch(`http://127.0.0.1:${port}`, { method: 'OPTIONS' }).then(
          () => true,
          () => false,
        ));
        tries++
      ) {
        if (tries > 200) throw new Error('the stale chain never served');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const chain = await startDevChain({ dataDir, port });
      expect(await waitUntil(() => !isRunning(stale.pid!), 1_000)).toBe(true);
      const provider = connect(chain);
      expect((await provider.getNetwork()).chainId).toBe(8996n);
      provider.destroy();
      await chain.stop();
    } finally {
      stale.kill('SIGKILL');
    }
  });
});
