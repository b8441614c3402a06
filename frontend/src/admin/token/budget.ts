import { formatUnits, parseUnits } from 'viem';
import type { ProjectBudget } from '../types';

/** The token's decimals, as the API's decimal strings have them. */
const DECIMALS = 18;

export interface BudgetUse {
  /** Tokens the project can still commit; null without a budget. Never negative. */
  left: string | null;
  /** Committed share of the budget, 0-100 (100 when over); null without a budget. */
  percent: number | null;
}

/** How much of a project's budget its credits and reservations have taken. Exact: 18-decimal integers, no floats. */
export function budgetUse({ budget, committed }: Pick<ProjectBudget, 'budget' | 'committed'>): BudgetUse {
  if (budget === null) return { left: null, percent: null };
  const limit = parseUnits(budget, DECIMALS);
  const used = parseUnits(committed, DECIMALS);
  const left = limit > used ? limit - used : 0n;
  if (limit === 0n) return { left: '0', percent: 100 };
  const basisPoints = used >= limit ? 10_000n : (used * 10_000n) / limit;
  return { left: formatUnits(left, DECIMALS), percent: Number(basisPoints) / 100 };
}

/** `1234567.5` -> `1,234,567.5`: the whole part grouped, the decimals as sent. */
export function groupDigits(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  return `${match[1]}${BigInt(match[2]!).toLocaleString('en')}${match[3] ?? ''}`;
}

/** Whether a decimal amount is zero (`0`, `0.0`). */
export function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount);
}
