import { getAddress, Interface, ZeroAddress, type LogDescription } from 'ethers';
import type { ChainPort, TxReceipt } from '../chain/chain.port.js';
import { oceanArtifact } from './ocean-artifacts.js';
import type {
  DispenserFacts,
  FixedRateExchangeFacts,
  MetadataEvent,
  MintedAsset,
  NftWithDatatoken,
  OceanAddresses,
  OceanCall,
  OceanContractsPort,
} from './ocean-contracts.port.js';

const factoryAbi = new Interface(oceanArtifact('ERC721Factory').abi);
const nftAbi = new Interface(oceanArtifact('ERC721Template').abi);
const exchangeAbi = new Interface(oceanArtifact('FixedRateExchange').abi);
const dispenserAbi = new Interface(oceanArtifact('Dispenser').abi);

const NFT_CREATED = factoryAbi.getEvent('NFTCreated')!.topicHash;
const TOKEN_CREATED = factoryAbi.getEvent('TokenCreated')!.topicHash;
const NEW_FIXED_RATE = factoryAbi.getEvent('NewFixedRate')!.topicHash;
const DISPENSER_CREATED = dispenserAbi.getEvent('DispenserCreated')!.topicHash;
const METADATA_CREATED = nftAbi.getEvent('MetadataCreated')!.topicHash;
const METADATA_UPDATED = nftAbi.getEvent('MetadataUpdated')!.topicHash;

/** Logs are read in windows of this many blocks (public RPCs refuse wide eth_getLogs ranges). */
const LOG_WINDOW = 10_000;

/** The Ocean contracts through their ABIs (ethers 6), at `addresses`, over the chain port. */
export class EthersOceanContracts implements OceanContractsPort {
  constructor(
    private readonly chain: ChainPort,
    readonly addresses: OceanAddresses,
  ) {}

  createNftWithDatatoken(request: NftWithDatatoken): OceanCall {
    const { nft, datatoken, sale } = request;
    // ocean.js NFTFactory: NftCreateData, then ErcCreateData (strings [name, symbol], addresses [minter,
    // paymentCollector, mpFeeAddress, mpFeeToken], uints [cap, mpFeeAmount]); no publish-market fee.
    const nftData = { name: nft.name, symbol: nft.symbol, templateIndex: 1, tokenURI: nft.tokenURI, transferable: true, owner: nft.owner };
    const ercData = {
      templateIndex: datatoken.templateIndex,
      strings: [datatoken.name, datatoken.symbol],
      addresses: [datatoken.minter, datatoken.paymentCollector, ZeroAddress, this.addresses.oceanToken],
      uints: [datatoken.cap, 0n],
      bytess: [],
    };
    if (sale.kind === 'fixed-rate') {
      // FixedData: addresses [baseToken, owner, marketFeeCollector, allowedConsumer], uints [btDecimals,
      // dtDecimals, fixedRate, marketFee, withMint].
      const fixedData = {
        fixedPriceAddress: this.addresses.fixedRateExchange,
        addresses: [sale.baseToken, sale.owner, sale.owner, ZeroAddress],
        uints: [BigInt(sale.baseTokenDecimals), 18n, sale.rate, 0n, 1n],
      };
      return this.factoryCall('createNftWithErc20WithFixedRate', [nftData, ercData, fixedData]);
    }
    const dispenserData = {
      dispenserAddress: this.addresses.dispenser,
      maxTokens: sale.maxTokens,
      maxBalance: sale.maxBalance,
      withMint: true,
      allowedSwapper: ZeroAddress,
    };
    return this.factoryCall('createNftWithErc20WithDispenser', [nftData, ercData, dispenserData]);
  }

  setMetadata(
    nft: string,
    metadata: { state: number; decryptorUrl: string; decryptorAddress: string; flags: string; data: string; hash: string },
  ): OceanCall {
    const args = [metadata.state, metadata.decryptorUrl, metadata.decryptorAddress, metadata.flags, metadata.data, metadata.hash, []];
    return { to: getAddress(nft), data: nftAbi.encodeFunctionData('setMetaData', args) };
  }

  mintedBy(logs: TxReceipt['logs']): MintedAsset | null {
    const factory = this.addresses.nftFactory.toLowerCase();
    let nftAddress: string | undefined;
    let datatokenAddress: string | undefined;
    let sale: MintedAsset['sale'] | undefined;
    for (const log of logs) {
      const from = log.address.toLowerCase();
      const topic = log.topics[0];
      if (from === factory && topic === NFT_CREATED) nftAddress = getAddress(parse(factoryAbi, log).args[0] as string);
      else if (from === factory && topic === TOKEN_CREATED) datatokenAddress = getAddress(parse(factoryAbi, log).args[0] as string);
      else if (topic === NEW_FIXED_RATE) {
        // Emitted by the new datatoken as it creates its exchange.
        const args = parse(factoryAbi, log).args;
        if (getAddress(args[2] as string) !== getAddress(this.addresses.fixedRateExchange)) continue;
        sale = {
          kind: 'fixed-rate',
          exchangeId: args[0] as string,
          exchangeContract: getAddress(args[2] as string),
          baseToken: getAddress(args[3] as string),
        };
      } else if (from === this.addresses.dispenser.toLowerCase() && topic === DISPENSER_CREATED) {
        sale = { kind: 'dispenser', dispenser: getAddress(log.address) };
      }
    }
    return nftAddress && datatokenAddress && sale ? { nftAddress, datatokenAddress, sale } : null;
  }

  async metadataEvents(nft: string, fromBlock: number): Promise<MetadataEvent[]> {
    const head = await this.chain.blockNumber();
    const events: MetadataEvent[] = [];
    for (let from = fromBlock; from <= head; from += LOG_WINDOW) {
      const logs = await this.chain.logs({
        address: getAddress(nft),
        // Every log of the NFT (the port takes one topic per position): the two events are picked below.
        topics: [],
        fromBlock: from,
        toBlock: Math.min(head, from + LOG_WINDOW - 1),
      });
      for (const log of logs) {
        if (log.topics[0] !== METADATA_CREATED && log.topics[0] !== METADATA_UPDATED) continue;
        const parsed = parse(nftAbi, log);
        events.push({
          event: parsed.name as MetadataEvent['event'],
          state: Number(parsed.args[1]),
          decryptorUrl: parsed.args[2] as string,
          flags: parsed.args[3] as string,
          data: parsed.args[4] as string,
          hash: parsed.args[5] as string,
          txHash: log.transactionHash,
          blockNumber: log.blockNumber,
          logIndex: log.logIndex,
        });
      }
    }
    return events;
  }

  async exchange(exchangeId: string): Promise<FixedRateExchangeFacts> {
    const result = await this.read(exchangeAbi, this.addresses.fixedRateExchange, 'getExchange', [exchangeId]);
    return {
      owner: getAddress(result[0] as string),
      datatoken: getAddress(result[1] as string),
      datatokenDecimals: Number(result[2]),
      baseToken: getAddress(result[3] as string),
      baseTokenDecimals: Number(result[4]),
      rate: result[5] as bigint,
      active: result[6] as boolean,
      withMint: result[11] as boolean,
    };
  }

  async dispenser(datatoken: string): Promise<DispenserFacts> {
    const result = await this.read(dispenserAbi, this.addresses.dispenser, 'status', [datatoken]);
    return {
      active: result[0] as boolean,
      owner: getAddress(result[1] as string),
      isMinter: result[2] as boolean,
      maxTokens: result[3] as bigint,
      maxBalance: result[4] as bigint,
    };
  }

  async tokenTemplates(): Promise<Array<{ index: number; address: string; active: boolean }>> {
    const count = Number((await this.read(factoryAbi, this.addresses.nftFactory, 'getCurrentTemplateCount', []))[0]);
    const templates: Array<{ index: number; address: string; active: boolean }> = [];
    for (let index = 1; index <= count; index++) {
      const [template] = await this.read(factoryAbi, this.addresses.nftFactory, 'getTokenTemplate', [index]);
      const [address, active] = template as [string, boolean];
      templates.push({ index, address: getAddress(address), active });
    }
    return templates;
  }

  async isFactoryNft(nft: string): Promise<boolean> {
    const [listed] = await this.read(factoryAbi, this.addresses.nftFactory, 'erc721List', [nft]);
    return (listed as string) !== ZeroAddress;
  }

  checksum(address: string): string {
    return getAddress(address);
  }

  private factoryCall(fn: string, args: unknown[]): OceanCall {
    return { to: this.addresses.nftFactory, data: factoryAbi.encodeFunctionData(fn, args) };
  }

  private async read(abi: Interface, to: string, fn: string, args: unknown[]): Promise<readonly unknown[]> {
    const result = await this.chain.call(to, abi.encodeFunctionData(fn, args));
    return abi.decodeFunctionResult(fn, result);
  }
}

function parse(abi: Interface, log: { topics: readonly string[]; data: string }): LogDescription {
  const parsed = abi.parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) throw new Error(`a log with topic ${log.topics[0]} does not decode`);
  return parsed;
}
