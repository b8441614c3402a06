import { createRequire } from 'node:module';
import { Inject, Injectable } from '@nestjs/common';
import { getAddress, Interface, toUtf8String, type InterfaceAbi, type Result } from 'ethers';
import { CHAIN_PORT, type ChainPort, type TxReceipt } from '../chain/chain.port.js';
import type { OrderFacts, OrderStartedFact, ProviderFeeFact } from './domain/order-check.js';

const require = createRequire(import.meta.url);
/** ABIs of @oceanprotocol/contracts 2.6.0 (pinned exactly): the datatoken template that sells and orders, and the data NFT. */
const abiOf = (artifact: string) =>
  (require(`@oceanprotocol/contracts/artifacts/contracts/templates/${artifact}.sol/${artifact}.json`) as { abi: InterfaceAbi }).abi;
const datatokenAbi = new Interface(abiOf('ERC20TemplateEnterprise'));
const nftAbi = new Interface(abiOf('ERC721Template'));
const ORDER_STARTED = datatokenAbi.getEvent('OrderStarted')!.topicHash;
const ORDER_REUSED = datatokenAbi.getEvent('OrderReused')!.topicHash;
const PROVIDER_FEE = datatokenAbi.getEvent('ProviderFee')!.topicHash;

/**
 * The logs of `topic` in the receipt, each read by `read` with its emitter. A log that does not decode
 * (any contract may emit the topic with other fields; ethers reports a bad field when it is read) is
 * left out, as if absent: the checks then refuse the order, instead of the request failing.
 */
function readLogs<T>(receipt: TxReceipt, topic: string, read: (args: Result, emitter: string) => T): T[] {
  const found: T[] = [];
  for (const log of receipt.logs) {
    if (log.topics[0] !== topic) continue;
    try {
      const parsed = datatokenAbi.parseLog(log);
      if (parsed) found.push(read(parsed.args, log.address));
    } catch {
      // not a datatoken's event
    }
  }
  return found;
}

function decodeJson(hex: string): unknown {
  try {
    return JSON.parse(toUtf8String(hex)) as unknown;
  } catch {
    return null;
  }
}

/** Reads, through the chain port, what the provider's checks need of an order and of an asset's NFT (ABIs of contracts 2.6.0). */
@Injectable()
export class OrderReader {
  constructor(@Inject(CHAIN_PORT) private readonly chain: ChainPort) {}

  /** The NFT's metadata state (0 active … 5 unlisted). */
  async nftState(nft: string): Promise<number> {
    const [, , state] = nftAbi.decodeFunctionResult('getMetaData', await this.chain.call(nft, nftAbi.encodeFunctionData('getMetaData')));
    return Number(state);
  }

  /** Seconds: the later of the clock and the chain's head (a development chain's time can run ahead). */
  async now(): Promise<number> {
    return Math.max(Math.floor(Date.now() / 1000), await this.chain.blockTimestamp('latest'));
  }

  /**
   * The facts of order `txHash` for `datatoken`/`nft`. An OrderReused transaction is followed once to
   * the order it reuses (whose OrderStarted names the consumer); its own provider fee and block count.
   */
  async orderFacts(txHash: string, nft: string): Promise<OrderFacts> {
    const missing: OrderFacts = {
      to: null,
      mined: false,
      succeeded: false,
      datatokenNft: null,
      deployedByNft: false,
      orderStarted: [],
      providerFees: [],
      orderTimestamp: 0,
    };
    const [tx, receipt] = await Promise.all([this.chain.transaction(txHash), this.chain.receipt(txHash)]);
    if (!tx || !receipt) return missing;
    if (receipt.status !== 'success') return { ...missing, mined: true, to: tx.to };
    let started = this.orderStarted(receipt);
    const reused = readLogs(receipt, ORDER_REUSED, (args, emitter) => ({ emitter, orderTxId: String(args[0]) }));
    if (started.length === 0 && reused.length > 0) {
      const original = await this.chain.receipt(reused[0]!.orderTxId);
      if (original?.status === 'success') {
        started = this.orderStarted(original).filter((event) => event.emitter.toLowerCase() === reused[0]!.emitter.toLowerCase());
      }
    }
    const providerFees: ProviderFeeFact[] = readLogs(receipt, PROVIDER_FEE, (args, emitter) => ({
      emitter,
      providerFeeAddress: String(args[0]),
      providerData: decodeJson(String(args[3])),
      validUntil: BigInt(args[7] as bigint),
    }));
    const to = tx.to;
    const datatokenNft = to ? await this.erc721Of(to) : null;
    const deployedByNft =
      to !== null && datatokenNft !== null && getAddress(datatokenNft) === getAddress(nft)
        ? Boolean(nftAbi.decodeFunctionResult('isDeployed', await this.chain.call(nft, nftAbi.encodeFunctionData('isDeployed', [to])))[0])
        : false;
    return {
      to,
      mined: true,
      succeeded: true,
      datatokenNft,
      deployedByNft,
      orderStarted: started,
      providerFees,
      orderTimestamp: await this.chain.blockTimestamp(receipt.blockNumber),
    };
  }

  private orderStarted(receipt: TxReceipt): OrderStartedFact[] {
    return readLogs(receipt, ORDER_STARTED, (args, emitter) => ({
      emitter,
      consumer: String(args[0]),
      payer: String(args[1]),
      serviceIndex: Number(args[3]),
    }));
  }

  /** getERC721Address() of a contract; null when it has no such function (not a datatoken). */
  private async erc721Of(contract: string): Promise<string | null> {
    try {
      const [nft] = datatokenAbi.decodeFunctionResult(
        'getERC721Address',
        await this.chain.call(contract, datatokenAbi.encodeFunctionData('getERC721Address')),
      );
      return String(nft);
    } catch {
      return null;
    }
  }
}
