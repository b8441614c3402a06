import { describe, expect, it } from 'vitest';
import { deployPayouts, measureBatch, measureEpoch, SIZES, TARGETS } from '../bench/gas.js';
import { fixture, latestTimestamp, signers } from './support/hardhat.js';

/**
 * Gas of the payout paths, pinned: each figure must stay within 0.5% of the one recorded here (the inputs
 * are deterministic, so a change means the contracts or the toolchain changed: re-record it on purpose) and
 * below its target. Claims pay accounts that hold no tokens yet, the costly case.
 */
const PINNED: Record<(typeof SIZES)[number], { post: number; claimAverage: number; batchPerNewRecipient: number }> = {
  1: { post: 89_494, claimAverage: 66_001, batchPerNewRecipient: 26_882 },
  10: { post: 89_494, claimAverage: 68_456, batchPerNewRecipient: 26_894 },
  100: { post: 89_530, claimAverage: 72_086, batchPerNewRecipient: 26_822 },
  400: { post: 89_542, claimAverage: 74_281, batchPerNewRecipient: 26_798 },
};

const BAND = 0.005;

function expectPinned(measured: number, pinned: number, target: number): void {
  expect(measured).toBeGreaterThanOrEqual(Math.floor(pinned * (1 - BAND)));
  expect(measured).toBeLessThanOrEqual(Math.ceil(pinned * (1 + BAND)));
  expect(measured).toBeLessThan(target);
}

const deployed = fixture(async () => {
  const [deployer, operator, relayer] = await signers(3);
  return deployPayouts(deployer!, operator!, relayer!);
});

describe.each(SIZES)('gas with %i leaves / recipients', (size) => {
  it(`posts an epoch for under ${TARGETS.post} and claims it for under ${TARGETS.claimAverage} on average`, async () => {
    const contracts = await deployed();
    const epoch = await measureEpoch(contracts, BigInt(size), size, (await latestTimestamp()) + 86_400);
    console.log(
      `N=${size}: post ${epoch.post}, claim average ${epoch.claimAverage} (min ${Math.min(...epoch.claims)}, max ${Math.max(...epoch.claims)})`,
    );
    expectPinned(epoch.post, PINNED[size].post, TARGETS.post);
    expectPinned(epoch.claimAverage, PINNED[size].claimAverage, TARGETS.claimAverage);
  });

  it(`batch-pays each new recipient for under ${TARGETS.batchPerRecipient}`, async () => {
    const contracts = await deployed();
    const batch = await measureBatch(contracts, size);
    console.log(`N=${size}: batch ${batch.total}, per new recipient ${batch.perNewRecipient}, amortized ${batch.amortizedPerRecipient}`);
    expectPinned(batch.perNewRecipient, PINNED[size].batchPerNewRecipient, TARGETS.batchPerRecipient);
  });
});
