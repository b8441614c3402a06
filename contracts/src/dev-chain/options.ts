/** The standard Hardhat development mnemonic: its accounts are public, for development chains only. */
export const HARDHAT_MNEMONIC = 'test test test test test test test test test test test junk';

export interface DevChainAccounts {
  /** Default: the standard Hardhat mnemonic. */
  readonly mnemonic?: string;
  /** How many accounts are funded at genesis (default 20). */
  readonly count?: number;
  /** Each account's genesis balance in wei (default 10,000 ETH). */
  readonly balance?: bigint;
}

export interface DevChainOptions {
  /** Where the chain keeps its journal (created if missing). One chain per folder. */
  readonly dataDir: string;
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8996 (Ocean's development chain id). */
  readonly chainId?: number;
  readonly accounts?: DevChainAccounts;
  /**
   * Default true. False: a throwaway chain that keeps nothing across restarts and serves every Hardhat
   * development method (`evm_setAutomine`, `evm_mine` into a pool, snapshots), for tests that need a
   * mempool to hold transactions.
   */
  readonly journal?: boolean;
}

/** What the chain process is started with: every default filled in, JSON-safe. */
export interface ResolvedDevChainOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly chainId: number;
  readonly hardfork: string;
  readonly mnemonic: string;
  readonly accountCount: number;
  readonly accountBalance: string;
  readonly journal: boolean;
}

export function resolveDevChainOptions(options: DevChainOptions): ResolvedDevChainOptions {
  const accountCount = options.accounts?.count ?? 20;
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
    throw new RangeError(`port must be 0..65535, got ${options.port}`);
  if (!Number.isInteger(accountCount) || accountCount < 1)
    throw new RangeError(`accounts.count must be a positive integer, got ${accountCount}`);
  return {
    dataDir: options.dataDir,
    port: options.port,
    host: options.host ?? '127.0.0.1',
    chainId: options.chainId ?? 8996,
    hardfork: 'osaka',
    mnemonic: options.accounts?.mnemonic ?? HARDHAT_MNEMONIC,
    accountCount,
    accountBalance: (options.accounts?.balance ?? 10_000n * 10n ** 18n).toString(),
    journal: options.journal ?? true,
  };
}

/** Messages from the chain process to its parent. */
export type DevChainMessage =
  | { readonly type: 'ready'; readonly url: string; readonly accounts: string[]; readonly replayed: number }
  | { readonly type: 'failed'; readonly message: string };

/** Messages from the parent to the chain process. */
export type DevChainCommand = { readonly type: 'stop' };
