import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import type { Schemas } from '../api';
import { api, ApiError } from './api';
import { hexChainId, isRejection, walletChainId, type Eip1193Provider } from './eip1193';
import { saveSession, type Session } from './session';

export type { Eip1193Provider } from './eip1193';

export type SignInFailure =
  | { kind: 'no-wallet' }
  | { kind: 'wrong-chain'; expected: number; actual: number }
  | { kind: 'rejected' }
  | { kind: 'failed'; message: string };

export class SignInError extends Error {
  constructor(readonly failure: SignInFailure) {
    super(failure.kind);
    this.name = 'SignInError';
  }
}

async function serverChainId(): Promise<number> {
  const { body } = await api<Schemas['HealthDto']>('GET', '/api/health');
  return body.chainId;
}

/**
 * Sign-In with Ethereum: ask the wallet for an account, check the chain (offering to switch), build
 * the EIP-4361 message for this origin with a server nonce, have the wallet sign it, verify it.
 */
export async function signInWithWallet(provider: Eip1193Provider | undefined = window.ethereum): Promise<Session> {
  if (!provider) throw new SignInError({ kind: 'no-wallet' });
  try {
    const [accounts, expected] = await Promise.all([
      provider.request({ method: 'eth_requestAccounts' }) as Promise<string[]>,
      serverChainId(),
    ]);
    const address = accounts[0];
    if (!address) throw new SignInError({ kind: 'failed', message: 'the wallet shared no account' });
    let actual = await walletChainId(provider);
    if (actual !== expected) {
      try {
        await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: hexChainId(expected) }] });
        actual = await walletChainId(provider);
      } catch (error) {
        if (isRejection(error)) throw new SignInError({ kind: 'wrong-chain', expected, actual });
      }
      if (actual !== expected) throw new SignInError({ kind: 'wrong-chain', expected, actual });
    }
    const { body: nonce } = await api<Schemas['NonceDto']>('GET', '/api/auth/nonce');
    const message = createSiweMessage({
      domain: window.location.host,
      address: getAddress(address),
      statement: 'Sign in to Tessera',
      uri: window.location.origin,
      version: '1',
      chainId: expected,
      nonce: nonce.nonce,
      issuedAt: new Date(),
    });
    const signature = (await provider.request({ method: 'personal_sign', params: [message, address] })) as string;
    const { body: session } = await api<Schemas['SessionDto']>('POST', '/api/auth/verify', { message, signature });
    saveSession(session);
    return session;
  } catch (error) {
    if (error instanceof SignInError) throw error;
    if (isRejection(error)) throw new SignInError({ kind: 'rejected' });
    if (error instanceof ApiError) throw new SignInError({ kind: 'failed', message: error.message });
    throw new SignInError({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
