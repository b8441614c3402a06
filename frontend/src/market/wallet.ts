import { getAddress } from 'viem';
import { hexChainId, walletChainId, type Eip1193Provider } from '../session/eip1193';

/** The injected wallet's account on the deployment's chain (asks to switch when it is elsewhere). */
export async function connectedAccount(
  chainId: number,
  provider: Eip1193Provider | undefined = window.ethereum,
): Promise<{ provider: Eip1193Provider; account: string }> {
  if (!provider) throw new Error('no-wallet');
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
  if (!accounts[0]) throw new Error('the wallet shared no account');
  if ((await walletChainId(provider)) !== chainId) {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: hexChainId(chainId) }] });
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
