import type { Page } from '@playwright/test';
import { Wallet } from 'ethers';

/**
 * A test wallet: an ethers Wallet on the Node side, injected into the page as an EIP-1193
 * `window.ethereum`. `reject` makes it decline signatures (code 4001), `chainId` fakes another chain.
 */
export async function injectWallet(page: Page, wallet: Wallet, options: { chainId?: number; reject?: boolean } = {}): Promise<void> {
  const chainId = options.chainId ?? 8996;
  await page.exposeFunction('__tesseraWallet', async (method: string, params: unknown[]) => {
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [wallet.address.toLowerCase()];
      case 'eth_chainId':
        return `0x${chainId.toString(16)}`;
      case 'wallet_switchEthereumChain':
        return { error: { code: 4001, message: 'User rejected the request.' } };
      case 'personal_sign': {
        if (options.reject) return { error: { code: 4001, message: 'User rejected the request.' } };
        const [message] = params as [string];
        const text = message.startsWith('0x') ? Buffer.from(message.slice(2), 'hex').toString('utf8') : message;
        return wallet.signMessage(text);
      }
      default:
        return { error: { code: 4200, message: `unsupported method ${method}` } };
    }
  });
  await page.addInitScript(() => {
    const call = (window as unknown as { __tesseraWallet: (m: string, p: unknown[]) => Promise<unknown> }).__tesseraWallet;
    (window as unknown as { ethereum: unknown }).ethereum = {
      isMetaMask: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const result = await call(method, params ?? []);
        if (result && typeof result === 'object' && 'error' in result) {
          const { code, message } = (result as { error: { code: number; message: string } }).error;
          throw Object.assign(new Error(message), { code });
        }
        return result;
      },
      on() {},
      removeListener() {},
    };
  });
}
