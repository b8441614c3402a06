import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Transaction, keccak256 } from 'ethers';
import type { EIP1193Provider, RequestArguments } from 'hardhat/types/index.js';
import type { Journal } from './journal.js';

const require = createRequire(import.meta.url);
const { InvalidInputError, MethodNotSupportedError } =
  require('hardhat/internal/core/providers/errors') as typeof import('hardhat/internal/core/providers/errors.js');

/** Methods that mine a block: journaled with the block's timestamp. */
const MINING = new Set(['eth_sendRawTransaction', 'eth_sendTransaction', 'evm_mine']);

/** Development methods that change state without mining: journaled and replayed as sent. */
const REPLAYED_AS_SENT = new Set([
  'evm_increaseTime',
  'evm_setNextBlockTimestamp',
  'hardhat_setBalance',
  'hardhat_setCode',
  'hardhat_setNonce',
  'hardhat_setStorageAt',
]);

/** Reads, signatures, filters and traces: nothing that a restart would need. */
const READ_ONLY_PREFIXES = ['eth_', 'net_', 'web3_', 'debug_'];
const READ_ONLY = new Set(['hardhat_metadata', 'hardhat_getAutomine', 'personal_sign']);

interface RpcTransaction {
  readonly hash: string;
  readonly blockNumber: string | null;
  readonly type: string;
  readonly chainId?: string;
  readonly nonce: string;
  readonly to: string | null;
  readonly input: string;
  readonly value: string;
  readonly gas: string;
  readonly gasPrice?: string;
  readonly maxFeePerGas?: string;
  readonly maxPriorityFeePerGas?: string;
  readonly accessList?: { address: string; storageKeys: string[] }[];
  readonly v: string;
  readonly r: string;
  readonly s: string;
}

/**
 * The chain as served: every state-changing request is journaled before it is answered, every other
 * state-changing method (snapshots, impersonation, interval mining, ...) is refused, so that the journal
 * always rebuilds what clients saw. Journaled requests run one at a time, in journal order.
 */
export class JournalingProvider extends EventEmitter implements EIP1193Provider {
  private queue: Promise<unknown> = Promise.resolve();
  /** Hashes of the journaled transactions: a client rebroadcasting a mined one must not journal it twice. */
  private readonly journaledTransactions: Set<string>;

  constructor(
    private readonly inner: EIP1193Provider,
    private readonly journal: Journal,
  ) {
    super();
    this.journaledTransactions = new Set(journal.entries.flatMap((entry) => ('hash' in entry ? [entry.hash] : [])));
    inner.on('notification', (message: unknown) => this.emit('notification', message));
  }

  request(args: RequestArguments): Promise<unknown> {
    const { method } = args;
    const params = Array.isArray(args.params) ? (args.params as unknown[]) : args.params === undefined ? [] : [args.params];
    if (MINING.has(method) || REPLAYED_AS_SENT.has(method)) return this.serialized(() => this.journaled(method, params));
    if (READ_ONLY.has(method) || READ_ONLY_PREFIXES.some((prefix) => method.startsWith(prefix)))
      return this.inner.request({ method, params });
    return Promise.reject(
      new MethodNotSupportedError(`${method} (the persistent dev chain journals its state: this method would bypass it)`),
    );
  }

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async journaled(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case 'eth_sendRawTransaction':
        return this.sendRaw(params);
      case 'eth_sendTransaction':
        return this.send(params);
      case 'evm_mine': {
        const result = await this.call(method, params);
        this.journal.append({ kind: 'mine', timestamp: await this.latestTimestamp(), offset: await this.offset() });
        return result;
      }
      default: {
        const result = await this.call(method, params);
        this.journal.append({ kind: 'call', method, params, offset: await this.offset() });
        return result;
      }
    }
  }

  private async sendRaw(params: unknown[]): Promise<unknown> {
    const raw = params[0];
    if (typeof raw !== 'string') throw new InvalidInputError('eth_sendRawTransaction expects the signed transaction as a hex string');
    let hash: string;
    try {
      hash = (await this.call('eth_sendRawTransaction', params)) as string;
    } catch (error) {
      // Refused before mining (bad nonce, funds, ...), or mined and then reported as failed: keep the latter.
      if (await this.minedTransaction(keccak256(raw))) await this.journalTransaction(keccak256(raw), raw);
      throw error;
    }
    await this.journalTransaction(hash, raw);
    return hash;
  }

  private async send(params: unknown[]): Promise<unknown> {
    const hash = (await this.call('eth_sendTransaction', params)) as string;
    const tx = await this.minedTransaction(hash);
    if (!tx) throw new Error(`eth_sendTransaction: ${hash} was not mined (automine is always on)`);
    const raw = encode(tx);
    if (raw !== undefined) {
      await this.journalTransaction(hash, raw);
    } else if (!this.journaledTransactions.has(hash)) {
      this.journal.append({ kind: 'send', params, hash, timestamp: await this.blockTimestamp(tx), offset: await this.offset() });
      this.journaledTransactions.add(hash);
    }
    return hash;
  }

  private async journalTransaction(hash: string, raw: string): Promise<void> {
    if (this.journaledTransactions.has(hash)) return;
    const tx = await this.minedTransaction(hash);
    if (!tx) throw new Error(`${hash} was not mined (automine is always on)`);
    this.journal.append({ kind: 'tx', raw, hash, timestamp: await this.blockTimestamp(tx), offset: await this.offset() });
    this.journaledTransactions.add(hash);
  }

  private async minedTransaction(hash: string): Promise<RpcTransaction | null> {
    const tx = (await this.call('eth_getTransactionByHash', [hash])) as RpcTransaction | null;
    return tx?.blockNumber ? tx : null;
  }

  private async blockTimestamp(tx: RpcTransaction): Promise<number> {
    const block = (await this.call('eth_getBlockByNumber', [tx.blockNumber, false])) as { timestamp: string };
    return Number(block.timestamp);
  }

  private async latestTimestamp(): Promise<number> {
    const block = (await this.call('eth_getBlockByNumber', ['latest', false])) as { timestamp: string };
    return Number(block.timestamp);
  }

  private async offset(): Promise<number> {
    return chainClockOffset(this.inner);
  }

  private call(method: string, params: unknown[]): Promise<unknown> {
    return this.inner.request({ method, params });
  }
}

/** The chain clock's lead over the wall clock, in seconds (`evm_increaseTime(0)` answers it). */
export async function chainClockOffset(provider: EIP1193Provider): Promise<number> {
  return Number(await provider.request({ method: 'evm_increaseTime', params: [0] }));
}

/** The signed transaction as it went on the wire, when ethers can re-encode it to the same hash. */
function encode(tx: RpcTransaction): string | undefined {
  try {
    const type = Number(tx.type);
    const encoded = Transaction.from({
      type,
      chainId: tx.chainId === undefined ? undefined : BigInt(tx.chainId),
      nonce: Number(tx.nonce),
      to: tx.to,
      data: tx.input,
      value: BigInt(tx.value),
      gasLimit: BigInt(tx.gas),
      gasPrice: type < 2 && tx.gasPrice !== undefined ? BigInt(tx.gasPrice) : undefined,
      maxFeePerGas: tx.maxFeePerGas === undefined ? undefined : BigInt(tx.maxFeePerGas),
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas === undefined ? undefined : BigInt(tx.maxPriorityFeePerGas),
      accessList: type === 0 ? undefined : tx.accessList,
      signature: { r: tx.r, s: tx.s, v: Number(tx.v) },
    }).serialized;
    return keccak256(encoded) === tx.hash ? encoded : undefined;
  } catch {
    return undefined;
  }
}
