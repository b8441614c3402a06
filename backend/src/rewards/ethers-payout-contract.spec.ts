import { payoutDistributorArtifact, rewardTokenArtifact } from '@tessera/contracts';
import { AbiCoder, getAddress, Interface, ZeroHash, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { ChainInfo, ChainLog, ChainPort } from '../chain/chain.port.js';
import { EthersPayoutContract } from './ethers-payout-contract.js';

const token = new Interface(rewardTokenArtifact.abi);
const distributor = new Interface(payoutDistributorArtifact.abi);

const INFO: ChainInfo = {
  chainId: 8996,
  publicRpcUrl: 'http://127.0.0.1:8545',
  operator: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  relayer: null,
  rewardToken: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  payoutDistributor: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  fromBlock: 1,
  explorerTxUrl: null,
};
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

/** A chain that answers `call` and `logs` from what the test gives it, and records what was asked. */
function fakeChain(answers: { call?: (to: string, data: string) => string; logs?: ChainLog[] } = {}) {
  const asked: Array<{ to: string; data: string }> = [];
  const filters: unknown[] = [];
  const chain = {
    info: INFO,
    call: (to: string, data: string) => {
      asked.push({ to, data });
      return Promise.resolve(answers.call!(to, data));
    },
    logs: (filter: unknown) => {
      filters.push(filter);
      return Promise.resolve(answers.logs ?? []);
    },
  } as unknown as ChainPort;
  return { chain, asked, filters };
}

function transferLog(address: string, from: string, to: string, amount: bigint) {
  const event = token.getEvent('Transfer')!;
  const { topics, data } = token.encodeEventLog(event, [from, to, amount]);
  return { address, topics, data, logIndex: 0 };
}

describe('EthersPayoutContract', () => {
  it('encodes each call for its contract, with the operator and distributor of the chain', () => {
    const contract = new EthersPayoutContract(fakeChain().chain);
    const mint = contract.mintToOperator(5n);
    expect(mint.to).toBe(INFO.rewardToken);
    expect([...token.decodeFunctionData('mint', mint.data)]).toEqual([INFO.operator, 5n]);
    const approve = contract.approveDistributor(5n);
    expect([...token.decodeFunctionData('approve', approve.data)]).toEqual([INFO.payoutDistributor, 5n]);

    const root = `0x${'ab'.repeat(32)}`;
    const post = contract.postEpoch({ id: 3, root, total: 5n, expiresAt: new Date('2027-01-01T00:00:00.999Z') });
    expect(post.to).toBe(INFO.payoutDistributor);
    expect([...distributor.decodeFunctionData('postEpoch', post.data)]).toEqual([3n, root, 5n, 1798761600n]);

    const batch = distributor.decodeFunctionData(
      'batchPay',
      contract.batchPay([
        { account: ALICE, amount: 1n },
        { account: BOB, amount: 2n },
      ]).data,
    );
    expect(batch.toArray(true)).toEqual([
      [ALICE, BOB],
      [1n, 2n],
    ]);

    const proof = [`0x${'01'.repeat(32)}`, `0x${'02'.repeat(32)}`];
    const claim = distributor.decodeFunctionData(
      'claim',
      contract.claim({ epochId: 3, leafIndex: 1, account: ALICE, amount: 2n, proof }).data,
    );
    expect(claim.toArray(true)).toEqual([3n, 1n, ALICE, 2n, proof]);
    expect([...distributor.decodeFunctionData('sweep', contract.sweepToOperator(3).data)]).toEqual([3n, INFO.operator]);
  });

  it("adds up the reward token's Transfer events per recipient, ignoring other contracts and events", () => {
    const contract = new EthersPayoutContract(fakeChain().chain);
    const other = '0x0000000000000000000000000000000000000bad';
    const approval = token.encodeEventLog(token.getEvent('Approval')!, [INFO.operator, ALICE, 9n]);
    const received = contract.tokensReceived([
      transferLog(INFO.rewardToken.toLowerCase(), INFO.operator, ALICE, 3n),
      transferLog(INFO.rewardToken, INFO.operator, ALICE, 4n),
      transferLog(INFO.rewardToken, INFO.operator, BOB, 1n),
      transferLog(other, INFO.operator, BOB, 100n),
      { address: INFO.rewardToken, ...approval, logIndex: 4 },
    ]);
    expect(received).toEqual(
      new Map([
        [ALICE.toLowerCase(), 7n],
        [BOB.toLowerCase(), 1n],
      ]),
    );
  });

  it("reads the distributor's Claimed events of a block range as leaves paid", async () => {
    const event = distributor.getEvent('Claimed')!;
    const encoded = distributor.encodeEventLog(event, [7n, 2n, ALICE.toLowerCase(), 10n ** 18n]);
    const log: ChainLog = { address: INFO.payoutDistributor, ...encoded, blockNumber: 40, transactionHash: '0xfeed', logIndex: 1 };
    const { chain, filters } = fakeChain({ logs: [log] });
    const claims = await new EthersPayoutContract(chain).claimedBetween(30, 50);
    expect(filters).toEqual([{ address: INFO.payoutDistributor, topics: [event.topicHash], fromBlock: 30, toBlock: 50 }]);
    expect(claims).toEqual([
      { epochId: 7, leafIndex: 2, account: getAddress(ALICE), amount: 10n ** 18n, txHash: '0xfeed', blockNumber: 40 },
    ]);
  });

  it("reads an epoch's root (null when none was posted), the token and balances", async () => {
    const root = `0x${'cd'.repeat(32)}`;
    const epochs = new Map([[1n, root]]);
    const coder = AbiCoder.defaultAbiCoder();
    const { chain, asked } = fakeChain({
      call: (to, data) => {
        if (to === INFO.payoutDistributor) {
          const [id] = distributor.decodeFunctionData('epoch', data) as unknown as [bigint];
          const fn = distributor.getFunction('epoch')!;
          const shape = fn.outputs.map((o) => (o.type === 'bytes32' ? (epochs.get(id) ?? ZeroHash) : o.type === 'bool' ? false : 0n));
          return distributor.encodeFunctionResult(fn, shape);
        }
        const fn = token.parseTransaction({ data })!;
        if (fn.name === 'name') return coder.encode(['string'], ['Tessera Reward']);
        if (fn.name === 'symbol') return coder.encode(['string'], ['TSR']);
        if (fn.name === 'totalSupply') return zeroPadValue('0x64', 32);
        if (fn.name === 'balanceOf') return zeroPadValue(fn.args[0] === BOB ? '0x07' : '0x00', 32);
        throw new Error(`unexpected call ${fn.name}`);
      },
    });
    const contract = new EthersPayoutContract(chain);
    expect(await contract.epochRoot(1)).toBe(root);
    expect(await contract.epochRoot(2)).toBeNull();
    expect(await contract.token()).toEqual({ name: 'Tessera Reward', symbol: 'TSR', totalSupply: 100n });
    expect(await contract.tokenBalance(BOB)).toBe(7n);
    expect(asked.filter((a) => a.to === INFO.rewardToken)).toHaveLength(4);
  });

  it('lets a failed read reject, for the caller to name', async () => {
    const { chain } = fakeChain({
      call: () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:8545');
      },
    });
    await expect(new EthersPayoutContract(chain).epochRoot(1)).rejects.toThrow('ECONNREFUSED');
  });
});
