/**
 * The injected wallet (EIP-1193) as sign-in and claims use it. Kept apart from wallet.ts so pages
 * that talk to the wallet do not pull in the sign-in code (SIWE).
 */

/** The injected EIP-1193 provider (MetaMask and friends). */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

/** EIP-1193: the user rejected the request. */
export const USER_REJECTED = 4001;
/** EIP-3326: the wallet does not know the chain (add it with wallet_addEthereumChain). */
export const UNRECOGNIZED_CHAIN = 4902;

/** A provider error's code; some wallets (MetaMask mobile) nest the original one under `data`. */
export function providerErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { originalError?: { code?: unknown } } };
  const nested = data?.originalError?.code;
  if (typeof nested === 'number') return nested;
  return typeof code === 'number' ? code : undefined;
}

export function isRejection(error: unknown): boolean {
  return providerErrorCode(error) === USER_REJECTED;
}

export function providerErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** The chain the wallet is on, from its hex `eth_chainId`. */
export async function walletChainId(provider: Eip1193Provider): Promise<number> {
  return Number.parseInt((await provider.request({ method: 'eth_chainId' })) as string, 16);
}

export function hexChainId(chainId: number): string {
  return `0x${chainId.toString(16)}`;
}
