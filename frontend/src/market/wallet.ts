import { getAddress } from 'viem';
import { t } from '../i18n/i18n';
import { hexChainId, providerErrorCode, UNRECOGNIZED_CHAIN, walletChainId, type Eip1193Provider } from '../session/eip1193';

/**
 * The injected wallet's account on the deployment's chain: asks to switch when it is elsewhere, and
 * to add the chain (from the deployment's public RPC URL) when the wallet does not know it.
 */
export async function connectedAccount(
  chain: { chainId: number; rpcUrl: string },
  provider: Eip1193Provider | undefined = window.ethereum,
): Promise<{ provider: Eip1193Provider; account: string }> {
  if (!provider) throw new Error('no-wallet');
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
  if (!accounts[0]) throw new Error('the wallet shared no account');
  const { chainId, rpcUrl } = chain;
  if ((await walletChainId(provider)) !== chainId) {
    try {
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: hexChainId(chainId) }] });
    } catch (error) {
      if (providerErrorCode(error) !== UNRECOGNIZED_CHAIN) throw error;
      await provider.request({
        method: 'wallet_addEthereumChain',
        params: [
          {
            chainId: hexChainId(chainId),
            chainName: t('tessera.earnings.chainName', { chainId }),
            rpcUrls: [rpcUrl],
            nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          },
        ],
      });
    }
    if ((await walletChainId(provider)) !== chainId) throw new Error(`the wallet is not on chain ${chainId}`);
  }
  return { provider, account: getAddress(accounts[0]) };
}

const ORDERS_KEY = 'tessera.market.orders';

/** Orders this browser made, by DID: a download right after buying needs no catalogue round trip. */
export function rememberedOrder(did: string, account: string): string | undefined {
  try {
    const orders = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '{}') as Record<string, string>;
    return orders[`${account.toLowerCase()} ${did}`];
  } catch {
    return undefined;
  }
}

export function rememberOrder(did: string, account: string, orderTx: string): void {
  let orders: Record<string, string> = {};
  try {
    orders = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '{}') as Record<string, string>;
  } catch {
    orders = {};
  }
  orders[`${account.toLowerCase()} ${did}`] = orderTx;
  localStorage.setItem(ORDERS_KEY, JSON.stringify(orders));
}

/** Forgets an order that the chain reverted (it bought nothing). */
export function forgetOrder(did: string, account: string): void {
  try {
    const orders = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '{}') as Record<string, string>;
    delete orders[`${account.toLowerCase()} ${did}`];
    localStorage.setItem(ORDERS_KEY, JSON.stringify(orders));
  } catch {
    // nothing remembered
  }
}

/** The order transactions this browser made from `account`. */
export function rememberedOrders(account: string): string[] {
  try {
    const orders = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '{}') as Record<string, string>;
    const prefix = `${account.toLowerCase()} `;
    return Object.entries(orders)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, tx]) => tx.toLowerCase());
  } catch {
    return [];
  }
}
