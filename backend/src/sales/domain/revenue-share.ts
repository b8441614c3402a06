/**
 * The annotators' share of a dataset sale. Pure: the sales module reads the sold version's label
 * counts and writes what this answers.
 *
 * Units. A sale is paid in the exchange's base token; annotators are paid in the reward token by the
 * reward epochs. The share converts at par, one base token for one reward token, scaled between the
 * two tokens' decimals (both 18 on the embedded chain: the smallest units map 1:1). Scaling down
 * truncates: what is lost is less than one smallest unit of the reward token.
 *
 * Rounding. `share = floor(amount × bps / 10 000)`; each annotator gets `floor(share × labels / total)`;
 * the remainder (fewer units than there are annotators) goes one unit each to the annotators whose
 * exact part lost the largest fraction (largest remainder method), ties broken by more labels, then
 * the lower annotator id. So the entries always sum to the share exactly, and the same sale always
 * splits the same way.
 */

export const FULL_BPS = 10_000;

export interface LabelCount {
  annotatorId: number;
  labels: number;
}

export interface ShareEntry {
  annotatorId: number;
  labels: number;
  amount: bigint;
}

/** `amount` (smallest unit, `fromDecimals`) in the smallest unit of a token of `toDecimals`, at par. */
export function convertAtPar(amount: bigint, fromDecimals: number, toDecimals: number): bigint {
  if (toDecimals >= fromDecimals) return amount * 10n ** BigInt(toDecimals - fromDecimals);
  return amount / 10n ** BigInt(fromDecimals - toDecimals);
}

/** The annotators' part of `amount`: floor(amount × bps / 10 000). */
export function shareOf(amount: bigint, bps: number): bigint {
  if (!Number.isInteger(bps) || bps < 0 || bps > FULL_BPS) throw new RangeError(`share ${bps} bps is not within 0..${FULL_BPS}`);
  if (amount < 0n) throw new RangeError('a sale amount is never negative');
  return (amount * BigInt(bps)) / BigInt(FULL_BPS);
}

/**
 * Splits `share` among `counts` in proportion to their labels (see the file's comment for the
 * rounding). Annotators with no labels get nothing; entries of 0 are left out. Sums to `share`
 * exactly whenever someone has a label; answers nothing when nobody has.
 */
export function splitShare(share: bigint, counts: readonly LabelCount[]): ShareEntry[] {
  const byAnnotator = new Map<number, number>();
  for (const c of counts) {
    if (!Number.isInteger(c.labels) || c.labels < 0) throw new RangeError(`annotator ${c.annotatorId}: ${c.labels} labels`);
    if (c.labels > 0) byAnnotator.set(c.annotatorId, (byAnnotator.get(c.annotatorId) ?? 0) + c.labels);
  }
  const workers = [...byAnnotator].map(([annotatorId, labels]) => ({ annotatorId, labels }));
  const total = BigInt(workers.reduce((sum, w) => sum + w.labels, 0));
  if (share <= 0n || total === 0n) return [];
  const entries = workers.map((w) => ({ ...w, amount: (share * BigInt(w.labels)) / total, lost: (share * BigInt(w.labels)) % total }));
  const remainder = share - entries.reduce((sum, e) => sum + e.amount, 0n);
  // Each part lost less than one unit, so the remainder is smaller than the number of parts.
  const order = [...entries].sort(
    (a, b) => (a.lost === b.lost ? 0 : a.lost > b.lost ? -1 : 1) || b.labels - a.labels || a.annotatorId - b.annotatorId,
  );
  for (let i = 0n; i < remainder; i++) order[Number(i)]!.amount += 1n;
  return entries
    .filter((e) => e.amount > 0n)
    .map(({ annotatorId, labels, amount }) => ({ annotatorId, labels, amount }))
    .sort((a, b) => a.annotatorId - b.annotatorId);
}
