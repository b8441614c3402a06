import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { HARDHAT_MNEMONIC } from '@tessera/contracts';
import {
  Contract,
  getBytes,
  HDNodeWallet,
  Interface,
  JsonRpcProvider,
  NonceManager,
  parseUnits,
  solidityPackedKeccak256,
  Wallet,
  ZeroAddress,
  type InterfaceAbi,
  type TransactionReceipt,
} from 'ethers';
import { DEV_OPERATOR_KEY } from '../../src/chain/chain.module.js';
import { buildDatasetDdo } from '../../src/ocean/domain/ddo.js';
import { encodePlainMetadata } from '../../src/ocean/domain/metadata-encoding.js';
import { eciesEncrypt } from '../../src/ocean/domain/provider-encryption.js';
import type { OceanAddresses } from '../../src/ocean/ocean-contracts.port.js';

const require = createRequire(import.meta.url);
export const oceanAbi = (path: string): InterfaceAbi =>
  (require(`@oceanprotocol/contracts/artifacts/contracts/${path}.json`) as { abi: InterfaceAbi }).abi;
export const FACTORY_ABI = oceanAbi('ERC721Factory.sol/ERC721Factory');
export const NFT_ABI = oceanAbi('templates/ERC721Template.sol/ERC721Template');
export const DATATOKEN_ABI = oceanAbi('templates/ERC20TemplateEnterprise.sol/ERC20TemplateEnterprise');
export const EXCHANGE_ABI = oceanAbi('pools/fixedRate/FixedRateExchange.sol/FixedRateExchange');
const ERC20_ABI = ['function approve(address,uint256) returns (bool)', 'function transfer(address,uint256) returns (bool)'];

/** A funded development account of the embedded chain (Hardhat mnemonic), away from the platform's own. */
export function devWallet(index: number, rpcUrl: string): NonceManager {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 });
  return new NonceManager(HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).connect(provider));
}

async function mined(tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt> {
  const receipt = await (await tx).wait();
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return receipt;
}

/**
 * Publishes an asset straight through the deployed factory from `signer` (not through Tessera): an NFT
 * with a template-2 datatoken on a fixed-rate exchange at `price` OCEAN, then a plain DDO.
 */
export async function publishExternally(
  signer: NonceManager,
  addresses: OceanAddresses,
  chainId: number,
  options: {
    name: string;
    description: string;
    tags: string[];
    price: string;
    /** The DDO's licence (MIT unless given). */
    license?: string;
    /** Set the DDO encrypted (flags 0x02) for this provider public key, as ocean.js does with encryptDDO. */
    encryptFor?: string;
  },
): Promise<{ nftAddress: string; datatokenAddress: string; exchangeId: string; did: string; mintTx: string; metadataTx: string }> {
  const owner = await signer.getAddress();
  const factory = new Contract(addresses.nftFactory, FACTORY_ABI, signer);
  const receipt = await mined(
    factory.getFunction('createNftWithErc20WithFixedRate')(
      { name: options.name, symbol: 'EXT', templateIndex: 1, tokenURI: 'https://example.org/nft', transferable: true, owner },
      {
        templateIndex: 2,
        strings: [`${options.name} DT`, 'EXT-DT'],
        addresses: [owner, owner, ZeroAddress, addresses.oceanToken],
        uints: [parseUnits('1000', 18), 0n],
        bytess: [],
      },
      {
        fixedPriceAddress: addresses.fixedRateExchange,
        addresses: [addresses.oceanToken, owner, owner, ZeroAddress],
        uints: [18n, 18n, parseUnits(options.price, 18), 0n, 1n],
      },
    ),
  );
  const iface = new Interface(FACTORY_ABI);
  let nftAddress = '';
  let datatokenAddress = '';
  let exchangeId = '';
  for (const log of receipt.logs) {
    const parsed = (() => {
      try {
        return iface.parseLog(log);
      } catch {
        return null;
      }
    })();
    if (parsed?.name === 'NFTCreated') nftAddress = parsed.args[0] as string;
    if (parsed?.name === 'TokenCreated') datatokenAddress = parsed.args[0] as string;
    if (parsed?.name === 'NewFixedRate') exchangeId = parsed.args[0] as string;
  }
  const ddo = buildDatasetDdo({
    chainId,
    nftAddress,
    datatokenAddress,
    encryptedFiles: '0x04abcdef',
    serviceEndpoint: 'https://provider.example.org',
    metadata: {
      name: options.name,
      description: options.description,
      author: 'Someone else',
      license: options.license ?? 'MIT',
      tags: options.tags,
      created: new Date('2026-11-01T00:00:00Z'),
    },
  });
  const encoded = options.encryptFor
    ? {
        flags: '0x02',
        data: eciesEncrypt(options.encryptFor, new TextEncoder().encode(JSON.stringify(ddo))),
        hash: `0x${createHash('sha256').update(JSON.stringify(ddo)).digest('hex')}`,
      }
    : encodePlainMetadata(ddo);
  const nft = new Contract(nftAddress, NFT_ABI, signer);
  const metadata = await mined(
    nft.getFunction('setMetaData')(0, 'https://provider.example.org', '0x', encoded.flags, encoded.data, encoded.hash, []),
  );
  return { nftAddress, datatokenAddress, exchangeId, did: ddo.id, mintTx: receipt.hash, metadataTx: metadata.hash };
}

/** Gives `to` OCEAN from the operator (who holds the embedded deployment's supply). */
export async function fundOcean(rpcUrl: string, addresses: OceanAddresses, to: string, amount: string): Promise<void> {
  const operator = new Wallet(DEV_OPERATOR_KEY, new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1 }));
  await mined(new Contract(addresses.oceanToken, ERC20_ABI, operator).getFunction('transfer')(to, parseUnits(amount, 18)));
}

/**
 * Buys one datatoken on its fixed-rate exchange and orders service 0 in one transaction
 * (buyFromFreAndOrder), with a zero provider fee signed by the buyer itself as provider.
 */
export async function buyAndOrder(
  buyer: NonceManager,
  addresses: OceanAddresses,
  sale: { datatokenAddress: string; exchangeId: string },
): Promise<TransactionReceipt> {
  const me = await buyer.getAddress();
  await mined(new Contract(addresses.oceanToken, ERC20_ABI, buyer).getFunction('approve')(sale.datatokenAddress, parseUnits('100', 18)));
  const providerData = '0x' + Buffer.from(JSON.stringify({ dt: sale.datatokenAddress, id: 'access' })).toString('hex');
  const hash = solidityPackedKeccak256(['bytes', 'address', 'address', 'uint256', 'uint256'], [providerData, me, ZeroAddress, 0n, 0n]);
  const signature = (await buyer.signMessage(getBytes(hash))).slice(2);
  const r = `0x${signature.slice(0, 64)}`;
  const s = `0x${signature.slice(64, 128)}`;
  const v = parseInt(signature.slice(128, 130), 16);
  const datatoken = new Contract(sale.datatokenAddress, DATATOKEN_ABI, buyer);
  return mined(
    datatoken.getFunction('buyFromFreAndOrder')(
      {
        consumer: me,
        serviceIndex: 0,
        _providerFee: {
          providerFeeAddress: me,
          providerFeeToken: ZeroAddress,
          providerFeeAmount: 0n,
          v,
          r,
          s,
          validUntil: 0n,
          providerData,
        },
        _consumeMarketFee: { consumeMarketFeeAddress: ZeroAddress, consumeMarketFeeToken: ZeroAddress, consumeMarketFeeAmount: 0n },
      },
      {
        exchangeContract: addresses.fixedRateExchange,
        exchangeId: sale.exchangeId,
        maxBaseTokenAmount: parseUnits('100', 18),
        swapMarketFee: 0n,
        marketFeeAddress: ZeroAddress,
      },
    ),
  );
}
