import { Wallet } from 'ethers';
import { assertDocumentedAnswer } from './api-contract.js';

export interface Session {
  token: string;
  user: { id: number; address: string; roles: string[] };
  address: string;
  /** The wallet that signed in, to sign in again (e.g. after a role change). */
  wallet: Wallet;
}

export interface SiweFields {
  domain: string;
  address: string;
  uri: string;
  chainId: number;
  nonce: string;
  issuedAt?: string;
  expirationTime?: string;
  statement?: string;
}

/** An EIP-4361 message laid out exactly as the EIP (and wallets' libraries) write it. */
export function siweMessage(fields: SiweFields): string {
  const lines = [`${fields.domain} wants you to sign in with your Ethereum account:`, fields.address, ''];
  if (fields.statement) lines.push(fields.statement, '');
  else lines.push('');
  lines.push(
    `URI: ${fields.uri}`,
    'Version: 1',
    `Chain ID: ${fields.chainId}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${fields.issuedAt ?? new Date().toISOString()}`,
  );
  if (fields.expirationTime) lines.push(`Expiration Time: ${fields.expirationTime}`);
  return lines.join('\n');
}

export async function getNonce(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/nonce`);
  if (!response.ok) throw new Error(`nonce: ${response.status}`);
  return ((await response.json()) as { nonce: string }).nonce;
}

/** A real sign-in: nonce, EIP-4361 message signed by the wallet (personal_sign), verify. */
export async function signIn(baseUrl: string, wallet: Wallet, chainId = 8996): Promise<Session> {
  const url = new URL(baseUrl);
  const nonce = await getNonce(baseUrl);
  const message = siweMessage({
    domain: url.host,
    address: wallet.address,
    uri: url.origin,
    chainId,
    nonce,
    statement: 'Sign in to Tessera',
  });
  const signature = await wallet.signMessage(message);
  const response = await fetch(`${baseUrl}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message, signature }),
  });
  if (response.status !== 200) throw new Error(`verify: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; user: Session['user'] };
  return { token: body.token, user: body.user, address: wallet.address, wallet };
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON call with the session's bearer token. */
export async function call<T = unknown>(
  baseUrl: string,
  session: Session | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (session) (init.headers as Record<string, string>)['authorization'] = `Bearer ${session.token}`;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) {
      init.body = body as RequestInit['body'];
    } else {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  await assertDocumentedAnswer(baseUrl, method, path, response, parsed);
  return { status: response.status, body: parsed as T, headers: response.headers };
}
