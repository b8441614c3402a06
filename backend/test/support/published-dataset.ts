import { Contract, HDNodeWallet, JsonRpcProvider, Wallet, ZeroAddress, type Signer } from 'ethers';
import { HARDHAT_MNEMONIC } from '@tessera/contracts';
import { DEV_OPERATOR_KEY } from '../../src/chain/chain.module.js';
import { CHAIN_PORT, type ChainPort } from '../../src/chain/chain.port.js';
import { sqlRows } from '../../src/database/sql.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import { DatasetsService } from '../../src/datasets/datasets.service.js';
import { ItemsImportService } from '../../src/items/items-import.service.js';
import { oceanArtifact } from '../../src/ocean/ocean-artifacts.js';
import type { Tessera } from '../../src/platform.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { AggregationService } from '../../src/quality/aggregation.service.js';
import { requestDigest } from '../../src/provider/domain/signed-messages.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { jsonItems, LABELS, waitFor, writeLabels } from './datasets.js';

/** A ready dataset version of `items` labelled records (a project of its own, two annotators agreeing). */
export async function readyDataset(tessera: Tessera, items = 30): Promise<DatasetDto> {
  const app = tessera.app;
  const db = tessera.dataSource;
  const project = await app.get(ProjectsService).create({
    name: `Provider source ${Date.now()}`,
    type: 'classification',
    labels: LABELS,
    overlap: 2,
    rewardPerLabel: '1',
    status: 'active',
  });
  await app.get(ItemsImportService).import(project.id, jsonItems(items));
  const itemIds = (await sqlRows<{ id: number }>(db, 'SELECT id FROM items WHERE project_id = $1 ORDER BY id', [project.id])).map(
    (r) => r.id,
  );
  const users = app.get(UsersRepository);
  const annotators = [
    (await users.signIn(Wallet.createRandom().address, [])).id,
    (await users.signIn(Wallet.createRandom().address, [])).id,
  ];
  await writeLabels(db, project.id, itemIds, annotators, (i) => [LABELS[i % 3]!, LABELS[i % 3]!]);
  await app.get(AggregationService).aggregate(project.id);
  const datasets = app.get(DatasetsService);
  const created = await datasets.create(
    { projectId: project.id, name: 'Provider pets', license: 'CC-BY-4.0', description: 'for the provider tests', seed: 3 },
    null,
  );
  const ready = await waitFor(`version ${created.id}`, async () => {
    const answer = await datasets.get(created.id);
    return answer.status === 'building' ? undefined : answer;
  });
  if (ready.status !== 'ready') throw new Error(`version ${created.id}: ${ready.error}`);
  return ready;
}

/** Publishes a ready version on Ocean (free through a dispenser, or at `price`) and waits for the publication. */
export async function publishDataset(tessera: Tessera, versionId: number, sale: { price: string } | { free: true }): Promise<DatasetDto> {
  const datasets = tessera.app.get(DatasetsService);
  await datasets.publish(versionId, 'free' in sale ? { free: true } : { price: sale.price }, null);
  const published = await waitFor(`publication of ${versionId}`, async () => {
    const answer = await datasets.get(versionId);
    return answer.publication?.status === 'publishing' ? undefined : answer;
  });
  if (published.publication?.status !== 'published') throw new Error(`publication of ${versionId}: ${published.publication?.error}`);
  return published;
}

/** A ready dataset version of `items` labelled records, published on Ocean (free through a dispenser, or at `price`). */
export async function publishedDataset(tessera: Tessera, sale: { price: string } | { free: true }, items = 30): Promise<DatasetDto> {
  return publishDataset(tessera, (await readyDataset(tessera, items)).id, sale);
}

/** Hardhat's development account `index` (funded at genesis on the embedded chain; 0 is the operator, 19 the relayer). */
export function devAccount(index: number, provider: JsonRpcProvider): Wallet {
  const wallet = HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  return new Wallet(wallet.privateKey, provider);
}

/** The operator (owner of every NFT Tessera mints): only while the outbox sends nothing. */
export function operatorWallet(provider: JsonRpcProvider): Wallet {
  return new Wallet(DEV_OPERATOR_KEY, provider);
}

/** A client of the app's chain (embedded in tests), as a buyer's script would open it. */
export function rpcOf(tessera: Tessera): JsonRpcProvider {
  const { chainId, publicRpcUrl } = tessera.app.get<ChainPort>(CHAIN_PORT).info;
  return new JsonRpcProvider(publicRpcUrl, chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
}

export const datatokenAbi = oceanArtifact('ERC20TemplateEnterprise').abi;
export const nftAbi = oceanArtifact('ERC721Template').abi;

/** What /api/services/initialize answers (ocean.js's ProviderInitialize). */
export interface Initialized {
  datatoken: string;
  nonce: string;
  computeAddress: string;
  providerFee: {
    providerFeeAddress: string;
    providerFeeToken: string;
    providerFeeAmount: string;
    providerData: string;
    v: number;
    r: string;
    s: string;
    validUntil: string;
  };
}

export async function initialize(baseUrl: string, did: string, consumer: string, serviceId = 'access'): Promise<Initialized> {
  const url = `${baseUrl}/api/services/initialize?documentId=${encodeURIComponent(did)}&serviceId=${serviceId}&fileIndex=0&consumerAddress=${consumer}`;
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`initialize: ${response.status} ${await response.text()}`);
  return (await response.json()) as Initialized;
}

/** Orders the free asset through its dispenser in one transaction (buyFromDispenserAndOrder), for `consumer` (default the buyer). */
export async function orderFree(
  baseUrl: string,
  buyer: Signer,
  dataset: DatasetDto,
  options: { consumer?: string; serviceIndex?: number } = {},
): Promise<string> {
  const publication = dataset.publication!;
  const consumer = options.consumer ?? (await buyer.getAddress());
  const { providerFee } = await initialize(baseUrl, publication.did!, consumer);
  const datatoken = new Contract(publication.datatokenAddress!, datatokenAbi, buyer);
  const tx = (await datatoken.getFunction('buyFromDispenserAndOrder')(
    {
      consumer,
      serviceIndex: options.serviceIndex ?? 0,
      _providerFee: providerFee,
      _consumeMarketFee: { consumeMarketFeeAddress: ZeroAddress, consumeMarketFeeToken: ZeroAddress, consumeMarketFeeAmount: 0 },
    },
    publication.dispenserAddress!,
  )) as { hash: string; wait(): Promise<unknown> };
  await tx.wait();
  return tx.hash;
}

/** A download URL as ocean.js's getDownloadUrl builds it: the next nonce, signed by the consumer. */
export async function downloadUrl(
  baseUrl: string,
  consumer: Wallet,
  query: { did: string; txId: string; serviceId?: string; fileIndex?: number; nonce?: string },
): Promise<string> {
  let nonce = query.nonce;
  if (nonce === undefined) {
    const answer = (await (await fetch(`${baseUrl}/api/services/nonce?userAddress=${consumer.address}`)).json()) as { nonce: string };
    nonce = String(BigInt(answer.nonce) + 1n);
  }
  const signature = await consumer.signMessage(requestDigest(consumer.address, nonce, 'download'));
  const params = new URLSearchParams({
    fileIndex: String(query.fileIndex ?? 0),
    documentId: query.did,
    transferTxId: query.txId,
    serviceId: query.serviceId ?? 'access',
    consumerAddress: consumer.address,
    nonce,
    signature,
  });
  return `${baseUrl}/api/services/download?${params.toString()}`;
}
