import { decodeFunctionResult, encodeFunctionData, getAddress, keccak256, parseAbi, stringToBytes, zeroAddress, type Hex } from 'viem';
import type { Eip1193Provider } from '../session/eip1193';

/**
 * Buying a dataset the way ocean.js's `orderAsset` does for datatoken template 2, from the browser's
 * wallet: the provider's fee from `initialize`, the base token approved to the datatoken when its
 * allowance is short, then ONE transaction that buys the datatoken from the fixed-rate exchange (or
 * takes it from the dispenser when free) and starts the order with it.
 */

const ABI = parseAbi([
  'function allowance(address owner, address spender) view returns (uint256)',
  'function balanceOf(address owner) view returns (uint256)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function calcBaseInGivenOutDT(bytes32 exchangeId, uint256 datatokenAmount, uint256 consumeMarketSwapFeeAmount) view returns (uint256 baseTokenAmount, uint256 oceanFeeAmount, uint256 publishMarketFeeAmount, uint256 consumeMarketFeeAmount)',
  'struct ProviderFee { address providerFeeAddress; address providerFeeToken; uint256 providerFeeAmount; uint8 v; bytes32 r; bytes32 s; uint256 validUntil; bytes providerData; }',
  'struct ConsumeMarketFee { address consumeMarketFeeAddress; address consumeMarketFeeToken; uint256 consumeMarketFeeAmount; }',
  'struct OrderParams { address consumer; uint256 serviceIndex; ProviderFee _providerFee; ConsumeMarketFee _consumeMarketFee; }',
  'struct FreParams { address exchangeContract; bytes32 exchangeId; uint256 maxBaseTokenAmount; uint256 swapMarketFee; address marketFeeAddress; }',
  'function buyFromFreAndOrder(OrderParams _orderParams, FreParams _freParams)',
  'function buyFromDispenserAndOrder(OrderParams _orderParams, address dispenserContract)',
]);

const ONE_DATATOKEN = 10n ** 18n;

/** What `/api/services/initialize` answers (Ocean Node's shape). */
export interface ProviderFee {
  providerFeeAddress: string;
  providerFeeToken: string;
  providerFeeAmount: string | number;
  v: number;
  r: string;
  s: string;
  providerData: string;
  validUntil: string | number;
}

/** The parts of a resolved asset (Aquarius's DDO with `indexedMetadata`) a purchase needs. */
export interface Orderable {
  did: string;
  serviceId: string;
  serviceIndex: number;
  datatoken: string;
  price: { type: 'fixedrate'; exchangeContract: string; exchangeId: string; baseToken: string } | { type: 'dispenser'; dispenser: string };
}

export type PurchaseStep = 'initialize' | 'approve' | 'order' | 'confirm';

/** The buyer holds less of the base token than one datatoken costs: nothing was sent. */
export class InsufficientFunds extends Error {
  constructor(
    readonly need: bigint,
    readonly have: bigint,
  ) {
    super(`the purchase needs ${need} base-token units and the wallet holds ${have}`);
    this.name = 'InsufficientFunds';
  }
}

/** A transaction the chain reverted: it changed nothing (the gas is spent). */
export class TransactionReverted extends Error {
  constructor(readonly hash: string) {
    super(`transaction ${hash} reverted`);
    this.name = 'TransactionReverted';
  }
}

/** A sent transaction with no receipt yet when the wait ended: it may still be mined. */
export class NotYetConfirmed extends Error {
  constructor(readonly hash: string) {
    super(`transaction ${hash} is not confirmed yet`);
    this.name = 'NotYetConfirmed';
  }
}

async function call(provider: Eip1193Provider, to: string, data: Hex): Promise<Hex> {
  return (await provider.request({ method: 'eth_call', params: [{ to, data }, 'latest'] })) as Hex;
}

async function send(provider: Eip1193Provider, from: string, to: string, data: Hex): Promise<Hex> {
  return (await provider.request({ method: 'eth_sendTransaction', params: [{ from, to, data }] })) as Hex;
}

/**
 * Waits until the transaction is mined: TransactionReverted when the chain reverted it,
 * NotYetConfirmed when `timeoutMs` passes first. A node that fails to answer now and then is asked
 * again (its hiccup is not the transaction's fate).
 */
export async function waitForReceipt(
  provider: Eip1193Provider,
  hash: Hex,
  { pollMs = 500, timeoutMs = 10 * 60_000 }: { pollMs?: number; timeoutMs?: number } = {},
): Promise<{ blockNumber: bigint }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A failed request is asked again below.
    const receipt = await provider.request({ method: 'eth_getTransactionReceipt', params: [hash] }).then(
      (answer) => answer as { status: Hex; blockNumber: Hex } | null,
      () => null,
    );
    if (receipt) {
      if (receipt.status !== '0x1') throw new TransactionReverted(hash);
      return { blockNumber: BigInt(receipt.blockNumber) };
    }
    if (Date.now() >= deadline) throw new NotYetConfirmed(hash);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The base-token amount one datatoken costs now, fees included. */
export async function quote(provider: Eip1193Provider, exchangeContract: string, exchangeId: string): Promise<bigint> {
  const data = encodeFunctionData({ abi: ABI, functionName: 'calcBaseInGivenOutDT', args: [exchangeId as Hex, ONE_DATATOKEN, 0n] });
  const [baseTokenAmount] = decodeFunctionResult({
    abi: ABI,
    functionName: 'calcBaseInGivenOutDT',
    data: await call(provider, exchangeContract, data),
  });
  return baseTokenAmount;
}

export async function tokenBalance(provider: Eip1193Provider, token: string, owner: string): Promise<bigint> {
  const data = encodeFunctionData({ abi: ABI, functionName: 'balanceOf', args: [getAddress(owner)] });
  return decodeFunctionResult({ abi: ABI, functionName: 'balanceOf', data: await call(provider, token, data) });
}

/**
 * Buys one datatoken and orders the asset's service with it. `onStep` tells the page where it is;
 * the wallet is asked for at most two transactions, the approval only when the allowance is short
 * (and none when the balance cannot pay: InsufficientFunds). `onSent` gets the order's hash as soon
 * as the wallet has sent it, before it is mined, so that the page can keep it whatever happens next.
 */
export async function purchase(
  provider: Eip1193Provider,
  account: string,
  asset: Orderable,
  initialize: () => Promise<ProviderFee>,
  onStep: (step: PurchaseStep) => void = () => undefined,
  onSent: (orderTx: Hex) => void = () => undefined,
): Promise<{ orderTx: Hex }> {
  const consumer = getAddress(account);
  onStep('initialize');
  const fee = await initialize();
  const providerFee = {
    providerFeeAddress: getAddress(fee.providerFeeAddress),
    providerFeeToken: getAddress(fee.providerFeeToken),
    providerFeeAmount: BigInt(fee.providerFeeAmount),
    v: Number(fee.v),
    r: fee.r as Hex,
    s: fee.s as Hex,
    validUntil: BigInt(fee.validUntil),
    providerData: fee.providerData as Hex,
  };
  const orderParams = {
    consumer,
    serviceIndex: BigInt(asset.serviceIndex),
    _providerFee: providerFee,
    _consumeMarketFee: { consumeMarketFeeAddress: zeroAddress, consumeMarketFeeToken: zeroAddress, consumeMarketFeeAmount: 0n },
  };
  let data: Hex;
  if (asset.price.type === 'fixedrate') {
    const { exchangeContract, exchangeId, baseToken } = asset.price;
    const cost = await quote(provider, exchangeContract, exchangeId);
    const have = await tokenBalance(provider, baseToken, consumer);
    if (have < cost) throw new InsufficientFunds(cost, have);
    const allowanceData = encodeFunctionData({ abi: ABI, functionName: 'allowance', args: [consumer, getAddress(asset.datatoken)] });
    const allowance = decodeFunctionResult({ abi: ABI, functionName: 'allowance', data: await call(provider, baseToken, allowanceData) });
    if (allowance < cost) {
      onStep('approve');
      const approval = encodeFunctionData({ abi: ABI, functionName: 'approve', args: [getAddress(asset.datatoken), cost] });
      await waitForReceipt(provider, await send(provider, consumer, baseToken, approval));
    }
    data = encodeFunctionData({
      abi: ABI,
      functionName: 'buyFromFreAndOrder',
      args: [
        orderParams,
        {
          exchangeContract: getAddress(exchangeContract),
          exchangeId: exchangeId as Hex,
          maxBaseTokenAmount: cost,
          swapMarketFee: 0n,
          marketFeeAddress: zeroAddress,
        },
      ],
    });
  } else {
    data = encodeFunctionData({
      abi: ABI,
      functionName: 'buyFromDispenserAndOrder',
      args: [orderParams, getAddress(asset.price.dispenser)],
    });
  }
  onStep('order');
  const orderTx = await send(provider, consumer, asset.datatoken, data);
  onSent(orderTx);
  onStep('confirm');
  await waitForReceipt(provider, orderTx);
  return { orderTx };
}

/**
 * The signature Ocean's provider checks on a download: EIP-191 over the 32 bytes of
 * keccak256(consumerAddress + nonce + "download"), as ocean.js's `signRequest` makes it.
 */
export async function signDownload(provider: Eip1193Provider, account: string, nonce: string): Promise<Hex> {
  // A 0x-string is signed as the bytes it spells: the 32 bytes of the digest, not its text.
  const digest = keccak256(stringToBytes(`${account}${nonce}download`));
  return (await provider.request({ method: 'personal_sign', params: [digest, account] })) as Hex;
}
