import { Readable } from 'node:stream';
import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/access.js';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { OutboxService } from '../../src/chain/outbox.service.js';
import { sqlRows } from '../../src/database/sql.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { QualityService } from '../../src/quality/quality.service.js';
import { ClaimsIndexer } from '../../src/rewards/claims-indexer.service.js';
import { CreditService } from '../../src/rewards/credit.service.js';
import { EarningsService } from '../../src/rewards/earnings.service.js';
import { EpochsService } from '../../src/rewards/epochs.service.js';
import { AssignmentsService } from '../../src/assignments/assignments.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** Hardhat's second development account (public): funds annotators' gas on the embedded chain. */
const FAUCET_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const LABELS = ['cat', 'dog', 'bird'];

let platform: TestPlatform;
let chain: ChainPort;
let provider: JsonRpcProvider;

beforeAll(async () => {
  platform = await startTestPlatform({ AUTO_SUSPEND: 'false', CHAIN_PORT: '0' });
  chain = platform.tessera.app.get<ChainPort>(CHAIN_PORT);
  provider = new JsonRpcProvider(chain.info.publicRpcUrl, chain.info.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
});

afterAll(async () => {
  provider?.destroy();
  await platform?.close();
});

async function tokenBalance(address: string): Promise<bigint> {
  return new Contract(chain.info.rewardToken, rewardTokenArtifact.abi, provider).getFunction('balanceOf')(address) as Promise<bigint>;
}

async function ledgerTotal(annotatorId: number): Promise<bigint> {
  const rows = await sqlRows<{ total: string }>(
    platform.tessera.dataSource,
    'SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_entries WHERE annotator_id = $1',
    [annotatorId],
  );
  return BigInt(rows[0]!.total);
}

/** A project of `items` items labeled by every annotator (all right): every label earns. */
async function labeledProject(name: string, items: number, annotators: Caller[]): Promise<void> {
  const app = platform.tessera.app;
  const project = await app.get(ProjectsService).create({
    name,
    type: 'classification',
    labels: LABELS,
    overlap: annotators.length,
    rewardPerLabel: '1.5',
    status: 'active',
  });
  const records = Array.from({ length: items }, (_, i) => ({ data: { text: `${name} ${i}` } }));
  await app
    .get(ItemsImportService)
    .import(project.id, Readable.from([{ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(records))]) }]));
  const assignments = app.get(AssignmentsService);
  for (const caller of annotators) {
    for (let assignment = await assignments.next(caller, project.id); assignment; assignment = await assignments.next(caller, project.id)) {
      const i = Number(String(assignment.item.data['text']).split(' ')[1]);
      await assignments.submit(caller, assignment.assignmentId, { label: LABELS[i % 3] }, 2500 + i * 37);
    }
  }
  await app.get(QualityService).aggregateNow(project.id);
  await app.get(CreditService).credit(project.id);
}

describe('rewards on the embedded chain: labels -> quality -> ledger -> epoch -> claim', () => {
  it('pays every annotator exactly their ledger total, by their own claim, a relayed claim or a push batch', async () => {
    const app = platform.tessera.app;
    const wallets = [0, 1, 2].map(() => Wallet.createRandom().connect(provider));
    const annotators: Caller[] = [];
    for (const wallet of wallets) {
      const user = await app.get(UsersRepository).signIn(wallet.address, []);
      annotators.push({ id: user.id, address: user.address, roles: ['annotator'] });
    }
    await labeledProject('claims', 6, annotators);
    for (const a of annotators) expect(await ledgerTotal(a.id)).toBeGreaterThan(0n);

    // Close a claim epoch: the outbox mints, approves and posts the root.
    const epochs = app.get(EpochsService);
    const outbox = app.get(OutboxService);
    const epoch = await epochs.close('claim', 30, null);
    expect(epoch).toMatchObject({ mode: 'claim', status: 'closed', recipients: 3 });
    await outbox.settle();
    const earnings = app.get(EarningsService);
    const before = await earnings.earnings(annotators[0]!);
    expect(before.epochs[0]).toMatchObject({ epochId: epoch.id, claimable: true, claimed: false });
    expect(before.totals.pending).toBe('0');

    // Annotator 0 claims from their own wallet (gas from the faucet).
    const faucet = new Wallet(FAUCET_KEY, provider);
    await (await faucet.sendTransaction({ to: wallets[0]!.address, value: 10n ** 17n })).wait();
    const proof = await earnings.proof(annotators[0]!, epoch.id);
    const distributor = new Contract(chain.info.payoutDistributor, payoutDistributorArtifact.abi, wallets[0]);
    const claim = distributor.getFunction('claim');
    await (await claim(proof.epochId, proof.index, proof.account, BigInt(proof.amountWei), proof.proof)).wait();
    // A second claim of the same leaf is refused by the contract and by the API.
    await expect(claim.staticCall(proof.epochId, proof.index, proof.account, BigInt(proof.amountWei), proof.proof)).rejects.toThrow();
    await app.get(ClaimsIndexer).sync();
    await expect(earnings.proof(annotators[0]!, epoch.id)).rejects.toMatchObject({ code: 'CLAIM_NOT_AVAILABLE' });

    // Annotator 1 has no gas: the platform relays their claim.
    expect(await provider.getBalance(wallets[1]!.address)).toBe(0n);
    await earnings.relayClaim(annotators[1]!, epoch.id);
    await outbox.settle();
    await app.get(ClaimsIndexer).sync();

    for (const i of [0, 1]) expect(await tokenBalance(wallets[i]!.address)).toBe(await ledgerTotal(annotators[i]!.id));
    // Annotator 2 has not claimed: it waits for them, claimable.
    expect(await tokenBalance(wallets[2]!.address)).toBe(0n);
    const waiting = await earnings.earnings(annotators[2]!);
    expect(BigInt(waiting.epochs[0]!.amountWei)).toBe(await ledgerTotal(annotators[2]!.id));
    const claimed = await earnings.earnings(annotators[0]!);
    expect(claimed.epochs[0]).toMatchObject({ claimed: true, claimable: false });
    expect(claimed.totals.claimed).toBe(before.totals.claimable);

    // More work, then a push epoch: paid straight to the wallets, by batch.
    await labeledProject('push', 4, annotators);
    const push = await epochs.close('push', 30, null);
    await outbox.settle();
    const paid = (await earnings.earnings(annotators[2]!)).epochs.find((e) => e.epochId === push.id)!;
    expect(paid).toMatchObject({ mode: 'push', status: 'paid', claimed: true });
    for (const i of [0, 1]) expect(await tokenBalance(wallets[i]!.address)).toBe(await ledgerTotal(annotators[i]!.id));
    // Annotator 2 got the push epoch; their first epoch is still theirs to claim.
    expect(await tokenBalance(wallets[2]!.address)).toBe((await ledgerTotal(annotators[2]!.id)) - BigInt(waiting.epochs[0]!.amountWei));

    // Nothing left to pay: no empty epoch.
    await expect(epochs.close('claim', 30, null)).rejects.toMatchObject({ code: 'NOTHING_TO_PAY' });

    // The schedule (EPOCH_INTERVAL_HOURS) closes a claim epoch once the last is old enough and something is due.
    expect(await epochs.closeIfDue(0)).toBeUndefined();
    await labeledProject('schedule', 2, annotators);
    expect(await epochs.closeIfDue(3_600_000)).toBeUndefined();
    expect(await epochs.closeIfDue(0)).toMatchObject({ mode: 'claim', recipients: 3 });
    await outbox.settle();
  });
});
