import type { BaseContract } from 'ethers';
import { expect } from 'vitest';

/** The revert data carried by an ethers error, wherever the provider put it. */
function revertData(error: unknown): string | undefined {
  for (let e: unknown = error; e !== null && typeof e === 'object'; e = (e as { error?: unknown }).error) {
    const data = (e as { data?: unknown }).data;
    if (typeof data === 'string' && data.startsWith('0x')) return data;
    if (data !== null && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') {
      return (data as { data: string }).data;
    }
  }
  return undefined;
}

/**
 * Asserts that `action` reverts with custom error `name` of `contract`'s ABI, with `args` when given (as
 * OpenZeppelin's tests assert `revertedWithCustomError(...).withArgs(...)`).
 */
export async function expectRevert(
  action: Promise<unknown>,
  contract: BaseContract,
  name: string,
  args?: readonly unknown[],
): Promise<void> {
  let failure: unknown;
  try {
    await action;
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) throw new Error(`expected a revert with ${name}, but the call succeeded`);
  const data = revertData(failure);
  if (data === undefined)
    throw new Error(`expected a revert with ${name}, got ${failure instanceof Error ? failure.message : JSON.stringify(failure)}`);
  const parsed = contract.interface.parseError(data);
  expect(parsed?.name, `revert data ${data}`).toBe(name);
  if (args !== undefined) expect(parsed!.args.toArray()).toEqual(args);
}
