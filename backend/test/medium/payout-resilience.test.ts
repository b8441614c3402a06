import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  deployAll,
  HARDHAT_MNEMONIC,
  OPERATOR_ROLE,
  payoutDistributorArtifact,
  rewardTokenArtifact,
  startDevChain,
  type DevChain,
} from '@tessera/contracts';
import { Contract, HDNodeWallet, Interface, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { OutboxService } from '../../src/chain/outbox.service.js';
import { sqlRows } from '../../src/database/sql.js';
import { httpStatusFor } from '../../src/errors/http-status.js';
import { EarningsService } from '../../src/rewards/earnings.service.js';
import { EpochsRepository } from '../../src/rewards/epochs.repository.js';
import { EpochsService } from '../../src/rewards/epochs.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { RpcProxy } from '../support/rpc-proxy.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/**
 * The payout path against a real chain through an RPC that misbehaves: the platform runs with
 * RPC_URL pointing at a proxy (test/support/rpc-proxy.ts) in front of a throwaway development chain
 * this file starts, with contracts and an operator of its own for each test.
 */

const TOKEN = 10n ** 18n;
const distributorAbi = new Interface(payoutDistributorArtifact.abi);
const CLAIM = distributorAbi.getFunction('claim')!.selector;
const BATCH_PAY = distributorAbi.getFunction('batchPay')!.selector;

let chain: DevChain;
let chainDir: string;
let provider: JsonRpcProvider;
/** Hardhat's development accounts 0 (deploys and administers the contracts) and 1 (gas money). */
let admin: NonceManager;
let faucet: NonceManager;

beforeAll(async () => {
  chainDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-resilience-'));
  chain = await startDevChain({ dataDir: chainDir, port: 0, journal: false });
  provider = new JsonRpcProvider(chain.url, chain.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  const dev = (i: number) => HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).connect(provider);
  admin = new NonceManager(dev(0));
  faucet = new NonceManager(dev(1));
});

afterAll(async () => {
  provider?.destroy();
  await chain?.stop();
  rmSync(chainDir, { recursive: true, force: true });
});

interface Setup {
  platform: TestPlatform;
  proxy: RpcProxy;
  operator: Wallet;
  relayer: Wallet | undefined;
  token: Contract;
  distributor: Contract;
  fromBlock: number;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function fund(address: string, wei: bigint): Promise<void> {
  await (await faucet.sendTransaction({ to: address, value: wei })).wait();
}

/** Fresh contracts, a fresh operator (funded with `operatorWei`), and the platform on RPC_URL = the proxy. */
async function setUp(options: { operatorWei?: bigint; relayer?: boolean; env?: Record<string, string> } = {}): Promise<Setup> {
  const operator = Wallet.createRandom().connect(provider) as unknown as Wallet;
  const relayer = options.relayer ? (Wallet.createRandom().connect(provider) as unknown as Wallet) : undefined;
  const deployment = await deployAll(admin, { operator: operator.address });
  await fund(operator.address, options.operatorWei ?? 10n * TOKEN);
  if (relayer) await fund(relayer.address, 10n * TOKEN);
  const proxy = await RpcProxy.start(chain.url);
  const platform = await startTestPlatform({
    RPC_URL: proxy.url,
    CHAIN_ID: String(chain.chainId),
    OPERATOR_PRIVATE_KEY: operator.privateKey,
    ...(relayer ? { RELAYER_PRIVATE_KEY: relayer.privateKey } : {}),
    TOKEN_ADDRESS: deployment.rewardToken,
    DISTRIBUTOR_ADDRESS: deployment.payoutDistributor,
    CHAIN_FROM_BLOCK: String(deployment.fromBlock),
    CHAIN_CONFIRMATIONS: '0',
    AUTO_SUSPEND: 'false',
    RPC_TIMEOUT_SECONDS: '2',
    TX_RETRY_BASE_MS: '100',
    TX_RETRY_MAX_SECONDS: '1',
    ...options.env,
  });
  cleanups.push(async () => {
    proxy.clear();
    await platform.close();
    await proxy.close();
  });
  return {
    platform,
    proxy,
    operator,
    relayer,
    token: new Contract(deployment.rewardToken, rewardTokenArtifact.abi, provider),
    distributor: new Contract(deployment.payoutDistributor, distributorAbi, provider),
    fromBlock: deployment.fromBlock,
  };
}

interface Annotator extends Caller {
  wallet: Wallet;
}

/** Annotators credited `amounts` (one adjustment each) in the platform's ledger. */
async function credit(setup: Setup, amounts: readonly bigint[], annotators?: readonly Annotator[]): Promise<Annotator[]> {
  const users = setup.platform.tessera.app.get(UsersRepository);
  const out: Annotator[] = [];
  for (const [i, amount] of amounts.entries()) {
    let annotator = annotators?.[i];
    if (!annotator) {
      const wallet = Wallet.createRandom() as unknown as Wallet;
      const user = await users.signIn(wallet.address, []);
      annotator = { id: user.id, address: user.address, roles: ['annotator'], wallet };
    }
    await sqlRows(
      setup.platform.tessera.dataSource,
      `INSERT INTO ledger_entries (annotator_id, kind, amount, note) VALUES ($1, 'adjustment', $2, 'payout resilience test')`,
      [annotator.id, amount.toString()],
    );
    out.push(annotator);
  }
  return out;
}

async function ledgerTotal(setup: Setup, annotatorId: number): Promise<bigint> {
  const [row] = await sqlRows<{ total: string }>(
    setup.platform.tessera.dataSource,
    'SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_entries WHERE annotator_id = $1',
    [annotatorId],
  );
  return BigInt(row!.total);
}

async function balance(setup: Setup, address: string): Promise<bigint> {
  return (await setup.token.getFunction('balanceOf')(address)) as bigint;
}

async function events(setup: Setup, name: string): Promise<number> {
  return (await setup.distributor.queryFilter(setup.distributor.filters[name]!(), setup.fromBlock)).length;
}

interface TxRow {
  id: number;
  purpose: string;
  status: string;
  lane: string;
  sender: string | null;
  nonce: number | null;
  hash: string | null;
  attempts: number;
  last_error: string | null;
  error: string | null;
  versions: number;
}

async function txRows(setup: Setup, prefix = ''): Promise<TxRow[]> {
  const rows = await sqlRows<TxRow>(
    setup.platform.tessera.dataSource,
    'SELECT * FROM chain_txs WHERE starts_with(purpose, $1) ORDER BY id',
    [prefix],
  );
  for (const row of rows) {
    row.versions = (
      await sqlRows<{ n: number }>(setup.platform.tessera.dataSource, 'SELECT count(*)::int AS n FROM chain_tx_attempts WHERE tx_id = $1', [
        row.id,
      ])
    )[0]!.n;
  }
  return rows;
}

async function epochStatus(setup: Setup, epochId: number): Promise<string> {
  return (await setup.platform.tessera.app.get(EpochsRepository).findById(epochId))!.status;
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every annotator holds exactly their ledger total: paid once, nothing lost. */
async function expectPaidExactly(setup: Setup, annotators: readonly Annotator[]): Promise<void> {
  for (const [i, a] of annotators.entries()) {
    expect(await balance(setup, a.wallet.address), `annotator ${i}`).toBe(await ledgerTotal(setup, a.id));
  }
}

describe('payouts through a misbehaving RPC', () => {
  it('an RPC outage during an epoch close (429s, 503s, dropped connections, timeouts) ends with everyone paid once', async () => {
    const setup = await setUp();
    const annotators = await credit(setup, [3n * TOKEN, 5n * TOKEN, 7n * TOKEN]);
    const epochs = setup.platform.tessera.app.get(EpochsService);
    const { proxy } = setup;

    // The provider fails every estimate with 503s.
    const estimates = proxy.fail('http503', (c) => c.method === 'eth_estimateGas');
    const epoch = await epochs.close('push', 30, null);
    await waitFor('three refused estimates', () => proxy.count('eth_estimateGas') >= 3);
    // Transient trouble never fails the epoch: it shows as retrying.
    expect(await epochStatus(setup, epoch.id)).toBe('closed');
    const retrying = await setup.platform.tessera.app.get(EpochsRepository).findById(epoch.id);
    expect(retrying).toMatchObject({ status: 'closed', retrying: true });
    expect(retrying!.lastError).toMatch(/503/);
    const mintRow = async () => (await txRows(setup, `epoch:${epoch.id}:mint`))[0]!;
    expect(await mintRow()).toMatchObject({ status: 'intent' });
    expect((await mintRow()).attempts).toBeGreaterThanOrEqual(2);

    // Then estimates pass but every send is rate-limited (429): signed, refused, kept as it is.
    proxy.fail('http429', (c) => c.method === 'eth_sendRawTransaction');
    estimates();
    await waitFor('a rate-limited send', async () => {
      const mint = await mintRow();
      return mint.status === 'signed' && /429/.test(mint.last_error ?? '');
    });
    // Then the node goes away: connections dropped, then requests that never answer (the client times out).
    proxy.clear();
    proxy.fail('reset');
    await waitFor('a dropped connection', async () => /socket hang up|ECONNRESET|network/i.test((await mintRow()).last_error ?? ''));
    proxy.clear();
    proxy.fail('hang');
    await waitFor('a timeout', async () => /timeout/i.test((await mintRow()).last_error ?? ''));
    expect(await epochStatus(setup, epoch.id)).toBe('closed');
    expect(await mintRow()).toMatchObject({ status: 'signed', versions: 1 });

    // Recovery: the epoch is paid, once.
    proxy.clear();
    await waitFor('the epoch to be paid', async () => (await epochStatus(setup, epoch.id)) === 'paid');
    await expectPaidExactly(setup, annotators);
    expect(await events(setup, 'BatchPaid')).toBe(1);
    const rows = await txRows(setup, `epoch:${epoch.id}:`);
    expect(rows.map((r) => [r.purpose, r.status, r.versions])).toEqual([
      [`epoch:${epoch.id}:mint`, 'confirmed', 1],
      [`epoch:${epoch.id}:approve`, 'confirmed', 1],
      [`epoch:${epoch.id}:batch:0`, 'confirmed', 1],
    ]);
    expect(await setup.token.getFunction('totalSupply')()).toBe(1n + 15n * TOKEN);
  }, 240_000);

  it('an operator short of gas during an epoch close is retried until topped up, then pays everyone once', async () => {
    // Enough for no transaction at all.
    const setup = await setUp({ operatorWei: 10n ** 9n });
    const annotators = await credit(setup, [2n * TOKEN, 4n * TOKEN]);
    const epochs = setup.platform.tessera.app.get(EpochsService);
    const epoch = await epochs.close('claim', 30, null);
    // The node's third refusal, and the outbox's record of it (written after the refusal comes back).
    await waitFor('the node to refuse the unfunded transaction three times', () =>
      setup.proxy.count('eth_sendRawTransaction', 'upstreamErrors') >= 3 ? true : undefined,
    );
    const mint = await waitFor('the outbox to record three attempts', async () => {
      const [row] = await txRows(setup, `epoch:${epoch.id}:mint`);
      return row && row.attempts >= 3 && row.last_error ? row : undefined;
    });
    expect(await epochStatus(setup, epoch.id)).toBe('closed');
    // Signed once, refused by the node, kept as it is: the same bytes go out again after the top-up.
    expect(mint).toMatchObject({ status: 'signed', versions: 1 });
    expect(mint.last_error).toMatch(/funds/i);
    expect(await epochStatus(setup, epoch.id)).toBe('closed');

    await fund(setup.operator.address, 10n * TOKEN);
    await waitFor('the epoch to be posted', async () => (await epochStatus(setup, epoch.id)) === 'posted');
    expect((await txRows(setup, `epoch:${epoch.id}:mint`))[0]).toMatchObject({ status: 'confirmed', hash: mint.hash, versions: 1 });
    expect(await events(setup, 'EpochPosted')).toBe(1);

    // Everyone claims (gas-free) and holds exactly their ledger total.
    const earnings = setup.platform.tessera.app.get(EarningsService);
    for (const a of annotators) await earnings.relayClaim(a, epoch.id);
    await setup.platform.tessera.app.get(OutboxService).settle(90_000);
    await expectPaidExactly(setup, annotators);
    expect(await events(setup, 'Claimed')).toBe(2);
  }, 240_000);

  it('a transaction stuck in the mempool is replaced with the same nonce and higher fees, mined once and recorded once', async () => {
    const setup = await setUp({ env: { TX_REPLACE_AFTER_SECONDS: '2' } });
    const annotators = await credit(setup, [6n * TOKEN, 1n * TOKEN]);
    const epochs = setup.platform.tessera.app.get(EpochsService);
    // Nothing gets mined: the first transaction sits in the pool.
    await provider.send('evm_setAutomine', [false]);
    try {
      const epoch = await epochs.close('push', 30, null);
      const sent = await waitFor('a replacement of the mint', () => {
        const sends = setup.proxy.calls.filter((c) => c.tx && c.tx.from === setup.operator.address);
        const hashes = [...new Set(sends.map((c) => c.tx!.hash))];
        return hashes.length >= 2 ? sends : undefined;
      });
      expect(new Set(sent.map((c) => c.tx!.nonce)).size).toBe(1);
      const [stuck] = await txRows(setup, `epoch:${epoch.id}:mint`);
      expect(stuck!.status).toBe('signed');
      expect(stuck!.versions).toBeGreaterThanOrEqual(2);

      // The epoch cannot be voided while that transaction could still be mined.
      await sqlRows(setup.platform.tessera.dataSource, `UPDATE epochs SET status = 'failed' WHERE id = $1`, [epoch.id]);
      await expect(epochs.void(epoch.id, null)).rejects.toMatchObject({ code: 'EPOCH_TX_IN_FLIGHT' });
      await sqlRows(setup.platform.tessera.dataSource, `UPDATE epochs SET status = 'closed' WHERE id = $1`, [epoch.id]);

      // Mining resumes: the pool holds the latest version only.
      await provider.send('evm_setAutomine', [true]);
      await provider.send('evm_mine', []);
      await waitFor('the epoch to be paid', async () => (await epochStatus(setup, epoch.id)) === 'paid');
      const [mint] = await txRows(setup, `epoch:${epoch.id}:mint`);
      const versions = await sqlRows<{ hash: string }>(
        setup.platform.tessera.dataSource,
        'SELECT hash FROM chain_tx_attempts WHERE tx_id = $1 ORDER BY id',
        [mint!.id],
      );
      const mined = [];
      for (const v of versions) if (await provider.getTransactionReceipt(v.hash)) mined.push(v.hash);
      expect(mined).toEqual([mint!.hash]);
      expect(mint!.status).toBe('confirmed');
      // Minted once, paid once.
      expect(await setup.token.getFunction('totalSupply')()).toBe(1n + 7n * TOKEN);
      expect(await events(setup, 'BatchPaid')).toBe(1);
      await expectPaidExactly(setup, annotators);
    } finally {
      await provider.send('evm_setAutomine', [true]);
    }
  }, 240_000);

  it('whichever version is mined settles the row, also when it is the replaced one and found after a restart', async () => {
    const setup = await setUp({ env: { TX_REPLACE_AFTER_SECONDS: '2' } });
    const annotators = await credit(setup, [2n * TOKEN, 3n * TOKEN]);
    // The node keeps the first version of each nonce and refuses every replacement.
    const first = new Map<string, string>();
    setup.proxy.fail('http503', (c) => {
      if (!c.tx) return false;
      const key = `${c.tx.from}:${c.tx.nonce}`;
      if (!first.has(key)) first.set(key, c.tx.hash);
      return first.get(key) !== c.tx.hash;
    });
    await provider.send('evm_setAutomine', [false]);
    try {
      const epoch = await setup.platform.tessera.app.get(EpochsService).close('push', 30, null);
      // The row's version count and its current hash are written one after the other: wait for both.
      const stuck = await waitFor('a replacement stored (and refused)', async () => {
        const [mint] = await txRows(setup, `epoch:${epoch.id}:mint`);
        if (!mint || mint.versions < 2) return undefined;
        const firstSent = first.get(`${setup.operator.address}:${mint.nonce}`);
        return firstSent !== undefined && mint.hash !== firstSent ? mint : undefined;
      });
      const original = first.get(`${setup.operator.address}:${stuck.nonce}`)!;
      expect(stuck.hash).not.toBe(original);

      // The platform stops; meanwhile the pool's version, the first one, is mined. On restart, the
      // outbox looks up every stored version: the first one settles the row.
      await setup.platform.restart(async () => {
        setup.proxy.clear();
        await provider.send('evm_setAutomine', [true]);
        await provider.send('evm_mine', []);
        expect((await provider.getTransactionReceipt(original))?.status).toBe(1);
      });
      await waitFor('the epoch to be paid', async () => (await epochStatus(setup, epoch.id)) === 'paid');
      const [mint] = await txRows(setup, `epoch:${epoch.id}:mint`);
      expect(mint).toMatchObject({ status: 'confirmed', hash: original });
      expect(await setup.token.getFunction('totalSupply')()).toBe(1n + 5n * TOKEN);
      expect(await events(setup, 'BatchPaid')).toBe(1);
      await expectPaidExactly(setup, annotators);
    } finally {
      await provider.send('evm_setAutomine', [true]);
    }
  }, 240_000);
});

describe('voiding an epoch that failed for good', () => {
  it('returns its unpaid dues to the next epoch; leaves paid before the failure are not paid twice', async () => {
    const setup = await setUp();
    const db = setup.platform.tessera.dataSource;
    const app = setup.platform.tessera.app;
    const epochs = app.get(EpochsService);
    // 301 annotators: a push epoch of two batches (300 + 1).
    const amounts = Array.from({ length: 301 }, (_, i) => TOKEN + BigInt(i));
    const annotators = await credit(setup, amounts);
    // Hold the second batch at its estimate until the first one is paid.
    const holdSecond = setup.proxy.fail(
      'http503',
      (c) =>
        c.method === 'eth_estimateGas' &&
        String((c.params[0] as { data?: string }).data).startsWith(BATCH_PAY) &&
        setup.proxy.calls.some((p) => p.tx?.data.startsWith(BATCH_PAY)),
    );
    const epoch = await epochs.close('push', 30, null);
    await waitFor('the first batch to be paid', async () => (await txRows(setup, `epoch:${epoch.id}:batch:0`))[0]!.status === 'confirmed');
    await waitFor('the second batch to be held', async () => (await txRows(setup, `epoch:${epoch.id}:batch:1`))[0]!.attempts >= 1);
    // Not failed: it cannot be voided yet.
    await expect(epochs.void(epoch.id, null)).rejects.toMatchObject({ code: 'EPOCH_NOT_FAILED' });

    // The operator loses its role: the second batch reverts at estimation, a few times, then for good.
    await (await (setup.distributor.connect(admin) as Contract).getFunction('revokeRole')(OPERATOR_ROLE, setup.operator.address)).wait();
    holdSecond();
    await waitFor('the epoch to fail', async () => (await epochStatus(setup, epoch.id)) === 'failed');
    const [second] = await txRows(setup, `epoch:${epoch.id}:batch:1`);
    expect(second).toMatchObject({ status: 'failed', versions: 0 });
    expect(second!.error).toMatch(/AccessControlUnauthorizedAccount/);
    const failed = await app.get(EpochsRepository).findById(epoch.id);
    expect(failed).toMatchObject({ status: 'failed', pendingTxs: 0 });
    expect(failed!.lastError).toMatch(/AccessControlUnauthorizedAccount/);

    // Before the void, the failed epoch's dues are not due: nothing to close.
    await expect(epochs.close('push', 30, null)).rejects.toMatchObject({ code: 'NOTHING_TO_PAY' });
    const last = annotators[300]!;
    const earnings = app.get(EarningsService);
    expect((await earnings.earnings(last)).totals.pending).toBe('0');

    const voided = await epochs.void(epoch.id, null);
    expect(voided).toMatchObject({ status: 'voided' });
    await expect(epochs.void(epoch.id, null)).rejects.toMatchObject({ code: 'EPOCH_NOT_FAILED' });
    expect(httpStatusFor('EPOCH_NOT_FAILED')).toBe(409);
    // The unpaid annotator sees the amount back in pending; a paid one keeps it paid.
    const mine = await earnings.earnings(last);
    expect(mine.totals.pending).toBe('1.0000000000000003');
    expect(mine.epochs[0]).toMatchObject({ epochId: epoch.id, status: 'voided', voided: true, claimed: false, claimable: false });
    expect((await earnings.earnings(annotators[0]!)).epochs[0]).toMatchObject({ voided: false, claimed: true });

    // The next epoch carries exactly the unpaid dues.
    await (await (setup.distributor.connect(admin) as Contract).getFunction('grantRole')(OPERATOR_ROLE, setup.operator.address)).wait();
    const next = await epochs.close('push', 30, null);
    const allocations = await app.get(EpochsRepository).allocations(next.id);
    expect(allocations.map((a) => [a.annotatorId, a.amount])).toEqual([[last.id, amounts[300]]]);
    await waitFor('the next epoch to be paid', async () => (await epochStatus(setup, next.id)) === 'paid');
    await expectPaidExactly(setup, annotators);
    expect(await events(setup, 'BatchPaid')).toBe(2);
    const [{ n }] = (await sqlRows<{ n: number }>(db, 'SELECT count(*)::int AS n FROM claims')) as [{ n: number }];
    expect(n).toBe(301);
  }, 300_000);

  it('refuses to void a claim epoch whose root is on chain', async () => {
    const setup = await setUp();
    await credit(setup, [TOKEN]);
    const epochs = setup.platform.tessera.app.get(EpochsService);
    const epoch = await epochs.close('claim', 30, null);
    await waitFor('the epoch to be posted', async () => (await epochStatus(setup, epoch.id)) === 'posted');
    // Whatever the records say, the root on chain decides.
    await sqlRows(setup.platform.tessera.dataSource, `UPDATE epochs SET status = 'failed' WHERE id = $1`, [epoch.id]);
    await expect(epochs.void(epoch.id, null)).rejects.toMatchObject({ code: 'EPOCH_ROOT_POSTED' });
  }, 120_000);
});

describe('relayed claims', () => {
  it('go through their own lane: a queue of them never delays a push payout; minimum and daily cap refused with their codes', async () => {
    const setup = await setUp({ relayer: true, env: { RELAY_MIN_AMOUNT: '1', RELAY_DAILY_CAP: '1' } });
    const app = setup.platform.tessera.app;
    const epochs = app.get(EpochsService);
    const earnings = app.get(EarningsService);
    const annotators = await credit(setup, [5n * TOKEN, 5n * TOKEN, 5n * TOKEN, 5n * TOKEN, TOKEN / 2n]);
    const first = await epochs.close('claim', 30, null);
    await waitFor('the claim epoch to be posted', async () => (await epochStatus(setup, first.id)) === 'posted');

    // The node refuses every claim transaction for now: the relayed claims queue up and retry.
    const release = setup.proxy.fail('http503', (c) => c.tx?.data.startsWith(CLAIM) === true);
    for (const a of annotators.slice(0, 4)) expect(await earnings.relayClaim(a, first.id)).toMatchObject({ status: 'queued' });
    await waitFor('the relay lane to be refused', () => setup.proxy.calls.filter((c) => c.fault && c.tx).length >= 2);

    // A push payout closes meanwhile and is paid while the claims still wait.
    await credit(setup, [TOKEN, TOKEN, TOKEN, TOKEN, TOKEN], annotators);
    const push = await epochs.close('push', 30, null);
    await waitFor('the push epoch to be paid', async () => (await epochStatus(setup, push.id)) === 'paid');
    const claims = await txRows(setup, 'claim:');
    // One claim in flight on the relayer's nonces, refused and retried; the others queued behind it.
    expect(claims.map((c) => [c.lane, c.status])).toEqual([
      ['relay', 'signed'],
      ['relay', 'intent'],
      ['relay', 'intent'],
      ['relay', 'intent'],
    ]);
    expect(claims[0]!.sender).toBe(setup.relayer!.address);
    expect(claims[0]!.attempts).toBeGreaterThanOrEqual(1);
    for (const tx of await txRows(setup, `epoch:${push.id}:`)) expect(tx.sender).toBe(setup.operator.address);
    // Asking again for a claim on its way is the same claim (and no second one against the cap).
    expect(await earnings.relayClaim(annotators[0]!, first.id)).toMatchObject({ status: 'queued', retrying: true });
    // Below the minimum: refused, with a code the annotator app shows.
    const small = await earnings.relayClaim(annotators[4]!, first.id).catch((error: unknown) => error);
    expect(small).toMatchObject({ code: 'RELAY_BELOW_MINIMUM' });
    expect((small as Error).message).toMatch(/Gas-free claims start at 1 tokens/);
    expect(httpStatusFor('RELAY_BELOW_MINIMUM')).toBe(422);

    release();
    await app.get(OutboxService).settle(90_000);
    expect(await events(setup, 'Claimed')).toBe(4);
    for (const a of annotators.slice(0, 4)) expect(await balance(setup, a.wallet.address)).toBe(await ledgerTotal(setup, a.id));

    // The daily cap: one gas-free claim per annotator per 24 hours here.
    await credit(setup, [3n * TOKEN], annotators);
    const third = await epochs.close('claim', 30, null);
    await waitFor('the third epoch to be posted', async () => (await epochStatus(setup, third.id)) === 'posted');
    const capped = await earnings.relayClaim(annotators[0]!, third.id).catch((error: unknown) => error);
    expect(capped).toMatchObject({ code: 'RELAY_DAILY_CAP_REACHED' });
    expect(httpStatusFor('RELAY_DAILY_CAP_REACHED')).toBe(429);
    expect((capped as Error).message).toMatch(/used your 1 gas-free claim of the last 24 hours/);
  }, 300_000);

  it('without a relayer key, payouts go before relayed claims on the operator nonces', async () => {
    const setup = await setUp();
    const app = setup.platform.tessera.app;
    const epochs = app.get(EpochsService);
    const annotators = await credit(setup, [5n * TOKEN, 5n * TOKEN, 5n * TOKEN]);
    const first = await epochs.close('claim', 30, null);
    await waitFor('the claim epoch to be posted', async () => (await epochStatus(setup, first.id)) === 'posted');

    // While the node is unreachable, three claims are asked for, then a push epoch closes.
    setup.proxy.fail('reset');
    for (const a of annotators) await app.get(EarningsService).relayClaim(a, first.id);
    await credit(setup, [TOKEN, TOKEN, TOKEN], annotators);
    const push = await epochs.close('push', 30, null);
    setup.proxy.clear();
    await app.get(OutboxService).settle(90_000);

    const claims = await txRows(setup, 'claim:');
    const payouts = await txRows(setup, `epoch:${push.id}:`);
    expect(Math.max(...payouts.map((t) => t.nonce!))).toBeLessThan(Math.min(...claims.map((t) => t.nonce!)));
    for (const tx of [...claims, ...payouts]) expect(tx).toMatchObject({ status: 'confirmed', sender: setup.operator.address });
  }, 240_000);
});
