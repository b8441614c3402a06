/**
 * `npm run -w contracts bench`: measures the payout paths on Hardhat's in-process network and prints them
 * against the targets. Every figure comes from a transaction receipt of this run.
 */
import { deployPayouts, measureBatch, measureEpoch, SIZES, TARGETS } from './gas.js';
import { latestTimestamp, signers } from '../test/support/hardhat.js';

const [deployer, operator, relayer] = await signers(3);
const contracts = await deployPayouts(deployer!, operator!, relayer!);

const verdict = (gas: number, target: number) => (gas < target ? 'PASS' : 'FAIL');
const rows: string[][] = [
  [
    'N',
    `post (< ${TARGETS.post})`,
    '',
    `claim avg (< ${TARGETS.claimAverage})`,
    '',
    'claim min..max',
    `batch per new recipient (< ${TARGETS.batchPerRecipient})`,
    '',
    'batch total',
    'batch amortized / recipient',
  ],
];
let failed = false;
for (const size of SIZES) {
  const epoch = await measureEpoch(contracts, BigInt(size), size, (await latestTimestamp()) + 86_400);
  const batch = await measureBatch(contracts, size);
  const verdicts = [
    verdict(epoch.post, TARGETS.post),
    verdict(epoch.claimAverage, TARGETS.claimAverage),
    verdict(batch.perNewRecipient, TARGETS.batchPerRecipient),
  ];
  failed ||= verdicts.includes('FAIL');
  rows.push([
    String(size),
    String(epoch.post),
    verdicts[0]!,
    String(epoch.claimAverage),
    verdicts[1]!,
    `${Math.min(...epoch.claims)}..${Math.max(...epoch.claims)}`,
    String(batch.perNewRecipient),
    verdicts[2]!,
    String(batch.total),
    String(batch.amortizedPerRecipient),
  ]);
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
console.log(
  '\nClaims pay accounts holding no tokens yet; "per new recipient" is what one more new recipient adds to a batch of N;\n' +
    '"amortized" also spreads the batch\'s first-touch costs (cold token, payer balance, allowance: ~10k gas) over N.',
);
process.exitCode = failed ? 1 : 0;
