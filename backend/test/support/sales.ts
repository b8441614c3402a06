import {
  Contract,
  getBytes,
  hexlify,
  Interface,
  MaxUint256,
  Signature,
  solidityPackedKeccak256,
  toUtf8Bytes,
  Wallet,
  ZeroAddress,
  type Signer,
} from 'ethers';
import type { ChainPort } from '../../src/chain/chain.port.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import type { Sale } from '../../src/market/sale.js';
import { oceanArtifact } from '../../src/ocean/ocean-artifacts.js';

const datatokenAbi = new Interface(oceanArtifact('ERC20TemplateEnterprise').abi);
const exchangeAbi = new Interface(oceanArtifact('FixedRateExchange').abi);
const erc20 = new Interface(['function approve(address spender, uint256 amount) returns (bool)']);

/** A provider fee of 0 signed as Ocean Node's initialize signs it (ocean-facts B), valid for the service's timeout. */
export async function providerFee(providerKey: string, datatoken: string, serviceId: string, feeToken: string, timeoutSeconds = 0) {
  const provider = new Wallet(providerKey);
  const providerData = hexlify(toUtf8Bytes(JSON.stringify({ dt: datatoken, id: serviceId })));
  const validUntil = timeoutSeconds > 0 ? Math.floor(Date.now() / 1000) + timeoutSeconds : 0;
  const hash = solidityPackedKeccak256(
    ['bytes', 'address', 'address', 'uint256', 'uint256'],
    [providerData, provider.address, feeToken, 0, validUntil],
  );
  const signature = Signature.from(await provider.signMessage(getBytes(hash)));
  return {
    providerFeeAddress: provider.address,
    providerFeeToken: feeToken,
    providerFeeAmount: 0,
    v: signature.v,
    r: signature.r,
    s: signature.s,
    validUntil,
    providerData,
  };
}

/**
 * The buyer buys one datatoken of a published version and orders its service in one transaction
 * (template 2: buyFromFreAndOrder, or buyFromDispenserAndOrder when free), as ocean.js's orderAsset
 * does. Answers the order transaction's hash.
 */
export async function buyAndOrder(
  buyer: Signer,
  dataset: DatasetDto,
  terms: { providerKey: string; baseToken: string; serviceId: string },
): Promise<string> {
  const { providerKey, baseToken, serviceId } = terms;
  const publication = dataset.publication!;
  const datatoken = new Contract(publication.datatokenAddress!, datatokenAbi, buyer);
  const consumer = await buyer.getAddress();
  const order = {
    consumer,
    serviceIndex: 0,
    _providerFee: await providerFee(providerKey, publication.datatokenAddress!, serviceId, baseToken),
    _consumeMarketFee: { consumeMarketFeeAddress: ZeroAddress, consumeMarketFeeToken: baseToken, consumeMarketFeeAmount: 0 },
  };
  if (publication.free) {
    const tx = await datatoken.getFunction('buyFromDispenserAndOrder')(order, publication.dispenserAddress!);
    return (await tx.wait()).hash as string;
  }
  const token = new Contract(baseToken, erc20, buyer);
  await (await token.getFunction('approve')(publication.datatokenAddress!, MaxUint256)).wait();
  const tx = await datatoken.getFunction('buyFromFreAndOrder')(order, {
    exchangeContract: publication.exchangeAddress!,
    exchangeId: publication.exchangeId!,
    maxBaseTokenAmount: 10n ** 24n,
    swapMarketFee: 0,
    marketFeeAddress: ZeroAddress,
  });
  return (await tx.wait()).hash as string;
}

/**
 * The Sale the chain indexer would hand over for an order transaction: its OrderStarted, and what the
 * exchange's Swapped in the same transaction says was paid ("0" without one).
 */
export async function saleFromReceipt(chain: ChainPort, txHash: string, dataset: DatasetDto, baseToken: string): Promise<Sale> {
  const publication = dataset.publication!;
  const receipt = await chain.receipt(txHash);
  if (!receipt) throw new Error(`no receipt for ${txHash}`);
  let started: { logIndex: number; consumer: string; payer: string; serviceIndex: number; timestamp: number } | undefined;
  let paid = 0n;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() === publication.datatokenAddress!.toLowerCase()) {
      const parsed = datatokenAbi.parseLog(log);
      if (parsed?.name === 'OrderStarted') {
        started = {
          logIndex: log.logIndex,
          consumer: parsed.args[0] as string,
          payer: parsed.args[1] as string,
          serviceIndex: Number(parsed.args[3]),
          timestamp: Number(parsed.args[4]),
        };
      }
    }
    if (publication.exchangeAddress && log.address.toLowerCase() === publication.exchangeAddress.toLowerCase()) {
      const parsed = exchangeAbi.parseLog(log);
      if (parsed?.name === 'Swapped') paid += parsed.args[2] as bigint;
    }
  }
  if (!started) throw new Error(`no OrderStarted in ${txHash}`);
  return {
    chainId: chain.info.chainId,
    txHash,
    logIndex: started.logIndex,
    blockNumber: receipt.blockNumber,
    timestamp: new Date(started.timestamp * 1000).toISOString(),
    nftAddress: publication.nftAddress!,
    datatokenAddress: publication.datatokenAddress!,
    did: publication.did!,
    serviceIndex: started.serviceIndex,
    consumer: started.consumer,
    payer: started.payer,
    baseTokenAmount: paid.toString(),
    baseTokenAddress: paid > 0n ? baseToken : null,
  };
}
