import { getAddress, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { ChainTxsService, ChainTxRecord } from '../chain/chain-txs.service.js';
import type { ChainPort, TxReceipt } from '../chain/chain.port.js';
import type { AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { decodePlainMetadata, metadataHash } from './domain/metadata-encoding.js';
import type { NftWithDatatoken, OceanAddresses, OceanContractsPort } from './ocean-contracts.port.js';
import { OceanPublisherService } from './ocean-publisher.service.js';

const OPERATOR = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const NFT = '0xBB1081DbF3227bbB233Db68f7117114baBb43656';
const DATATOKEN = '0xfF4AE9869Cafb5Ff725f962F3Bbc22Fb303A8aD8';
const PROVIDER_KEY = Wallet.createRandom().privateKey;
const ADDRESSES: OceanAddresses = {
  network: 'development',
  oceanToken: '0x0000000000000000000000000000000000000001',
  nftFactory: '0x0000000000000000000000000000000000000002',
  fixedRateExchange: '0x0000000000000000000000000000000000000003',
  dispenser: '0x0000000000000000000000000000000000000004',
  router: '0x0000000000000000000000000000000000000005',
  opfCommunityFeeCollector: '0x0000000000000000000000000000000000000006',
  startBlock: 7,
};

/** Our contracts port, recording what it is asked to encode; calls come back as readable strings. */
class FakeContracts implements Partial<OceanContractsPort> {
  readonly addresses = ADDRESSES;
  mints: NftWithDatatoken[] = [];
  metadata: Array<{ nft: string; metadata: Parameters<OceanContractsPort['setMetadata']>[1] }> = [];

  createNftWithDatatoken(request: NftWithDatatoken) {
    this.mints.push(request);
    return { to: ADDRESSES.nftFactory, data: `mint:${request.sale.kind}` };
  }

  setMetadata(nft: string, metadata: Parameters<OceanContractsPort['setMetadata']>[1]) {
    this.metadata.push({ nft, metadata });
    return { to: nft, data: 'setMetaData' };
  }

  checksum(address: string): string {
    return getAddress(address);
  }
}

function setup(options: { contracts?: boolean; tx?: ChainTxRecord | null; receipt?: TxReceipt | null } = {}) {
  const contracts = new FakeContracts();
  const chain = {
    info: { chainId: 8996 },
    address: () => OPERATOR,
    receipt: () => Promise.resolve(options.receipt ?? null),
  } as unknown as ChainPort;
  const txs = { byPurpose: () => Promise.resolve(options.tx ?? null) } as unknown as ChainTxsService;
  const config = { publicUrl: new URL('https://tessera.example/'), ocean: { providerKey: PROVIDER_KEY } } as unknown as AppConfig;
  const ref = { contracts: options.contracts === false ? null : (contracts as unknown as OceanContractsPort) };
  return { contracts, publisher: new OceanPublisherService(ref, chain, txs, config) };
}

describe('OceanPublisherService.mintIntent', () => {
  it('asks for an operator-owned NFT, an enterprise datatoken and a fixed-rate exchange at the price in OCEAN', () => {
    const { contracts, publisher } = setup();
    const intent = publisher.mintIntent({ purpose: 'dataset:7:mint', name: 'Cats v1', symbol: 'CATS1', price: '2.5' });
    expect(intent).toEqual({ purpose: 'dataset:7:mint', to: ADDRESSES.nftFactory, data: 'mint:fixed-rate' });
    expect(contracts.mints).toEqual([
      {
        nft: { name: 'Cats v1', symbol: 'CATS1', tokenURI: '', owner: OPERATOR },
        datatoken: {
          templateIndex: 2,
          name: 'Cats v1 Datatoken',
          symbol: 'CATS1-DT',
          minter: OPERATOR,
          paymentCollector: OPERATOR,
          cap: 100_000n * 10n ** 18n,
        },
        sale: { kind: 'fixed-rate', owner: OPERATOR, baseToken: ADDRESSES.oceanToken, baseTokenDecimals: 18, rate: 25n * 10n ** 17n },
      },
    ]);
  });

  it('asks for a dispenser when free (ocean.js createAsset: 1 per request, 100000000 per holder)', () => {
    const { contracts, publisher } = setup();
    const collector = Wallet.createRandom().address;
    publisher.mintIntent({ purpose: 'p', name: 'n', symbol: 's', free: true, paymentCollector: collector.toLowerCase(), cap: '5' });
    expect(contracts.mints[0]!.sale).toEqual({ kind: 'dispenser', maxTokens: 10n ** 18n, maxBalance: 10n ** 26n });
    expect(contracts.mints[0]!.datatoken).toMatchObject({ paymentCollector: collector, cap: 5n * 10n ** 18n });
  });

  it.each([
    [{}, 'price'],
    [{ price: '1', free: true }, 'price'],
    [{ price: 'abc' }, 'price'],
    [{ price: '0' }, 'price'],
    [{ price: '1', cap: '0' }, 'cap'],
    [{ price: '1', paymentCollector: '0x12' }, 'paymentCollector'],
    [{ price: '1', name: ' ' }, 'name'],
  ])('refuses %j (field %s)', (fields, field) => {
    const { contracts, publisher } = setup();
    expect(() => publisher.mintIntent({ purpose: 'p', name: 'n', symbol: 's', ...fields })).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED, field }),
    );
    expect(contracts.mints).toEqual([]);
  });

  it('answers OCEAN_NOT_CONFIGURED when the chain has no Ocean contracts', () => {
    const { publisher } = setup({ contracts: false });
    expect(publisher.available).toBe(false);
    expect(() => publisher.mintIntent({ purpose: 'p', name: 'n', symbol: 's', price: '1' })).toThrow(
      expect.objectContaining({ code: ErrorCode.OCEAN_NOT_CONFIGURED }),
    );
  });
});

describe('OceanPublisherService.metadataIntent and datasetDdo', () => {
  const metadata = {
    name: 'Cats v1',
    description: 'labels',
    author: 'Tessera',
    license: 'CC-BY-4.0',
    created: new Date('2026-12-03T00:00:00Z'),
  };

  it('sets the DDO as plain metadata, active, with the provider URL as decryptor, its files encrypted for the provider', () => {
    const { contracts, publisher } = setup();
    const ddo = publisher.datasetDdo({
      nftAddress: NFT.toLowerCase(),
      datatokenAddress: DATATOKEN,
      files: [{ type: 'url', url: 'u', method: 'GET' }],
      metadata,
    });
    expect(ddo.services[0]!.serviceEndpoint).toBe('https://tessera.example');
    expect(publisher.decryptFiles(ddo.services[0]!.files)).toEqual({
      nftAddress: NFT,
      datatokenAddress: DATATOKEN,
      files: [{ type: 'url', url: 'u', method: 'GET' }],
    });
    expect(publisher.metadataIntent({ purpose: 'dataset:7:metadata', nftAddress: NFT, ddo })).toEqual({
      purpose: 'dataset:7:metadata',
      to: NFT,
      data: 'setMetaData',
    });
    const [{ nft, metadata: set }] = contracts.metadata as [(typeof contracts.metadata)[0]];
    expect(nft).toBe(NFT);
    expect(set).toMatchObject({ state: 0, decryptorUrl: 'https://tessera.example', decryptorAddress: '', flags: '0x00' });
    expect(set.hash).toBe(metadataHash(set.data));
    expect(decodePlainMetadata(set.flags, set.data)).toEqual(ddo);
  });

  it('refuses a DDO that describes another NFT', () => {
    const { publisher } = setup();
    const ddo = publisher.datasetDdo({ nftAddress: NFT, datatokenAddress: DATATOKEN, files: [], metadata });
    expect(() => publisher.metadataIntent({ purpose: 'p', nftAddress: DATATOKEN, ddo })).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED, field: 'ddo.nftAddress' }),
    );
  });
});

describe('OceanPublisherService.outcome', () => {
  const record = (status: string, hash: string | null): ChainTxRecord => ({ id: 1, purpose: 'p', status, hash, error: null, attempts: 0 });
  const receipt: TxReceipt = { status: 'success', blockNumber: 9, gasUsed: 1234, logs: [] };

  it('tells unknown, pending, failed and confirmed (with the receipt) apart', async () => {
    expect(await setup().publisher.outcome('p')).toEqual({ status: 'unknown' });
    expect(await setup({ tx: record('signed', '0xaa') }).publisher.outcome('p')).toEqual({ status: 'pending', txHash: '0xaa' });
    expect(await setup({ tx: record('cancelled', null) }).publisher.outcome('p')).toEqual({
      status: 'failed',
      txHash: null,
      error: 'cancelled',
    });
    expect(await setup({ tx: record('confirmed', '0xaa'), receipt }).publisher.outcome('p')).toEqual({
      status: 'confirmed',
      txHash: '0xaa',
      gasUsed: 1234,
      blockNumber: 9,
      receipt,
    });
  });
});
