import type { Page } from '@playwright/test';
import { getBytes, JsonRpcProvider, Wallet } from 'ethers';

/**
 * A test wallet: an ethers Wallet on the Node side, injected into the page as an EIP-1193
 * `window.ethereum`. `reject` makes it decline signatures (code 4001), `chainId` fakes another chain.
 * With `rpcUrl` (the platform's embedded chain) it also sends transactions and reads receipts there,
 * as a wallet connected to that network would.
 */
export async function injectWallet(
  page: Page,
  wallet: Wallet,
  options: { chainId?: number; reject?: boolean; rpcUrl?: string } = {},
): Promise<void> {
  const chainId = options.chainId ?? 8996;
  // No response cache: a wallet sends an approval and a purchase back to back, each with its own nonce.
  const provider = options.rpcUrl
    ? new JsonRpcProvider(options.rpcUrl, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 })
    : undefined;
  const signer = provider ? wallet.connect(provider) : undefined;
  await page.exposeFunction('__tesseraWallet', async (method: string, params: unknown[]) => {
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [wallet.address.toLowerCase()];
      case 'eth_chainId':
        return `0x${chainId.toString(16)}`;
      case 'wallet_switchEthereumChain': {
        const [{ chainId: wanted }] = params as [{ chainId: string }];
        if (provider && Number(wanted) === chainId) return null;
        return { error: { code: 4001, message: 'User rejected the request.' } };
      }
      case 'eth_sendTransaction': {
        if (!signer) return { error: { code: 4200, message: 'this test wallet has no network' } };
        if (options.reject) return { error: { code: 4001, message: 'User rejected the request.' } };
        const [tx] = params as [{ to: string; data: string; value?: string }];
        const sent = await signer.sendTransaction({ to: tx.to, data: tx.data, value: tx.value ? BigInt(tx.value) : 0n });
        return sent.hash;
      }
      case 'eth_getTransactionReceipt':
      case 'eth_blockNumber':
      case 'eth_call':
      case 'eth_estimateGas':
      case 'eth_getBalance':
        if (!provider) return { error: { code: 4200, message: 'this test wallet has no network' } };
        return provider.send(method, params);
      case 'personal_sign': {
        if (options.reject) return { error: { code: 4001, message: 'User rejected the request.' } };
        // As MetaMask does: a 0x-string is the bytes to sign (a hex-encoded text, or a digest such as
        // an Ocean download's), anything else a text.
        const [message] = params as [string];
        return wallet.signMessage(message.startsWith('0x') ? getBytes(message) : message);
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
