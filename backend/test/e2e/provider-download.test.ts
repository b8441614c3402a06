/**
 * Ocean Node's download checks on Tessera's provider routes, through HTTP against the embedded chain
 * with the real Ocean contracts: each refusal is a 4xx with nothing of the file served, and a cut
 * download resumed with Range ends with the exact bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { signRequest } from '@oceanprotocol/lib';
import { Contract, Interface, type JsonRpcProvider, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../src/database/sql.js';
import { eciesDecrypt } from '../../src/ocean/domain/provider-encryption.js';
import { requestDigest } from '../../src/provider/domain/signed-messages.js';
import type { DatasetDto } from '../../src/datasets/datasets.dto.js';
import {
  datatokenAbi,
  devAccount,
  downloadUrl,
  initialize,
  nftAbi,
  operatorWallet,
  orderFree,
  publishedDataset,
  rpcOf,
} from '../support/published-dataset.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let chain: JsonRpcProvider;
let dataset: DatasetDto;
let buyer: Wallet;
let other: Wallet;
/** The largest file of the version, its index in the DDO's files and its bytes. */
let fileIndex: number;
let expected: Buffer;

const did = () => dataset.publication!.did!;

async function refused(url: string, status: number, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, init);
  const body = await response.text();
  expect(response.status, body).toBe(status);
  expect(response.headers.get('content-disposition')).toBeNull();
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  // Nothing of the file: a short message, and no piece of the plaintext.
  expect(body.length).toBeLessThan(500);
  expect(expected.includes(Buffer.from(body))).toBe(false);
  return body;
}

beforeAll(async () => {
  t = await startTestApp();
  chain = rpcOf(t.tessera);
  buyer = devAccount(3, chain);
  other = devAccount(4, chain);
  dataset = await publishedDataset(t.tessera, { free: true });
  const largest = [...dataset.files].sort((a, b) => b.bytes - a.bytes)[0]!;
  fileIndex = dataset.files.findIndex((file) => file.name === largest.name);
  const response = await fetch(`${t.baseUrl}/api/datasets/${dataset.id}/files/${largest.name}`, {
    headers: { authorization: `Bearer ${t.admin.token}` },
  });
  expected = Buffer.from(await response.arrayBuffer());
  expect(createHash('sha256').update(expected).digest('hex')).toBe(largest.sha256);
});

afterAll(async () => {
  chain?.destroy();
  await t?.close();
});

describe('GET / of the provider base', () => {
  it('answers scripts like an Ocean Node root', async () => {
    const response = await fetch(`${t.baseUrl}/`, { headers: { accept: '*/*' } });
    expect(response.status).toBe(200);
    const root = (await response.json()) as Record<string, unknown>;
    const initialized = await initialize(t.baseUrl, did(), buyer.address);
    expect(root).toMatchObject({
      chainIds: [8996],
      providerAddress: initialized.providerFee.providerFeeAddress,
      software: 'Tessera',
      serviceEndpoints: {
        nonce: ['GET', '/api/services/nonce'],
        encrypt: ['POST', '/api/services/encrypt'],
        fileInfo: ['POST', '/api/services/fileInfo'],
        initialize: ['GET', '/api/services/initialize'],
        download: ['GET', '/api/services/download'],
      },
    });
    expect(root['nodePublicKey']).toMatch(/^0x0[23][0-9a-f]{64}$/);
  });

  it('sends browsers to the web app when it is served', async () => {
    const response = await fetch(`${t.baseUrl}/`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      redirect: 'manual',
    });
    if (t.config.frontendDir && existsSync(path.join(t.config.frontendDir, 'index.html'))) {
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/label');
    } else {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ software: 'Tessera' });
    }
  });
});

describe('GET /api/services/download', () => {
  it('serves the ordered file decrypted, as an attachment named after it, once per nonce', async () => {
    const txId = await orderFree(t.baseUrl, buyer, dataset);
    const url = await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment;filename=${dataset.files[fileIndex]!.name}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
    // A replayed nonce: the same URL again.
    expect(await refused(url, 401)).toMatch(/not a valid nonce/);
  });

  it("accepts ocean.js's own signature when the digest starts with a zero byte (ocean.js signs it without that byte)", async () => {
    const txId = await orderFree(t.baseUrl, buyer, dataset);
    const last = (await (await fetch(`${t.baseUrl}/api/services/nonce?userAddress=${buyer.address}`)).json()) as { nonce: string };
    // The next nonce whose digest starts with 0x00 (about one in 256).
    let nonce = BigInt(last.nonce) + 1n;
    while (requestDigest(buyer.address, String(nonce), 'download')[0] !== 0) nonce++;
    const signature = await signRequest(buyer, `${buyer.address}${nonce}download`);
    const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, nonce: String(nonce) }));
    url.searchParams.set('signature', signature);
    const response = await fetch(url);
    expect(response.status, response.status === 200 ? '' : await response.text()).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
  });

  it('refuses a transaction that is no order, and an order made by someone else', async () => {
    const notAnOrder = dataset.publication!.mintTx!;
    await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId: notAnOrder, fileIndex }), 403);
    await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId: `0x${'ab'.repeat(32)}`, fileIndex }), 403);
    const othersOrder = await orderFree(t.baseUrl, other, dataset);
    expect(await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId: othersOrder, fileIndex }), 403)).toMatch(
      /not made by or for/,
    );
    // The one who ordered it downloads it.
    const mine = await fetch(await downloadUrl(t.baseUrl, other, { did: did(), txId: othersOrder, fileIndex }));
    expect(mine.status).toBe(200);
    await mine.arrayBuffer();
  });

  it('refuses, without a 500, a transaction whose OrderStarted log does not decode (any contract may emit the topic)', async () => {
    const topic = new Interface(datatokenAbi).getEvent('OrderStarted')!.topicHash.slice(2);
    // Runtime: LOG1(offset 0, size 0, OrderStarted's topic), i.e. no data at all; init code copies it out.
    const runtime = `7f${topic}60006000a100`;
    const size = (runtime.length / 2).toString(16);
    const init = `60${size}600c60003960${size}6000f3`;
    const emitter = devAccount(9, chain);
    const deployed = await (await emitter.sendTransaction({ data: `0x${init}${runtime}` })).wait();
    const crafted = await (await emitter.sendTransaction({ to: deployed!.contractAddress! })).wait();
    expect(crafted!.logs[0]!.topics[0]).toBe(`0x${topic}`);
    await refused(await downloadUrl(t.baseUrl, emitter, { did: did(), txId: crafted!.hash, fileIndex }), 403);
  });

  it('refuses a tampered signature, a nonce not above the last one, a wrong service and an unknown asset', async () => {
    const txId = await orderFree(t.baseUrl, buyer, dataset);
    const url = new URL(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
    const signature = url.searchParams.get('signature')!;
    url.searchParams.set('signature', signature.slice(0, 10) + (signature[10] === 'a' ? 'b' : 'a') + signature.slice(11));
    expect(await refused(url.toString(), 401)).toMatch(/signature mismatch/);
    // Signed by someone else for the buyer's address.
    const forged = new URL(await downloadUrl(t.baseUrl, other, { did: did(), txId, fileIndex, nonce: '999999' }));
    forged.searchParams.set('consumerAddress', buyer.address);
    await refused(forged.toString(), 401);
    await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, nonce: '1' }), 401);
    await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex, serviceId: 'compute' }), 404);
    await refused(await downloadUrl(t.baseUrl, buyer, { did: `did:op:${'0'.repeat(64)}`, txId, fileIndex }), 404);
    // The order itself still stands.
    const ok = await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it('refuses an order past the service timeout', async () => {
    // A service with a one-minute timeout: the DDO the provider reads says so.
    await sqlRows(
      t.tessera.dataSource,
      `UPDATE dataset_publications SET ddo = jsonb_set(ddo, '{services,0,timeout}', '60') WHERE version_id = $1`,
      [dataset.id],
    );
    try {
      const txId = await orderFree(t.baseUrl, buyer, dataset);
      const fresh = await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }));
      expect(fresh.status).toBe(200);
      await fresh.arrayBuffer();
      await chain.send('evm_increaseTime', [120]);
      await chain.send('evm_mine', []);
      expect(await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }), 403)).toMatch(/expired/);
    } finally {
      await sqlRows(
        t.tessera.dataSource,
        `UPDATE dataset_publications SET ddo = jsonb_set(ddo, '{services,0,timeout}', '0') WHERE version_id = $1`,
        [dataset.id],
      );
    }
  });

  it('resumes a cut download with Range and ends with the exact bytes; refuses a range outside the file', async () => {
    const txId = await orderFree(t.baseUrl, buyer, dataset);
    const cutAt = Math.floor(expected.length / 3);
    // The connection breaks after `cutAt` bytes.
    const abort = new AbortController();
    const first = await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }), { signal: abort.signal });
    expect(first.status).toBe(200);
    const reader = first.body!.getReader();
    const received: Buffer[] = [];
    let size = 0;
    while (size < cutAt) {
      const { value, done } = await reader.read();
      if (done) break;
      received.push(Buffer.from(value));
      size += value.length;
    }
    abort.abort();
    const head = Buffer.concat(received).subarray(0, cutAt);
    const resumed = await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }), {
      headers: { range: `bytes=${cutAt}-` },
    });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get('content-range')).toBe(`bytes ${cutAt}-${expected.length - 1}/${expected.length}`);
    const tail = Buffer.from(await resumed.arrayBuffer());
    expect(Buffer.concat([head, tail]).equals(expected)).toBe(true);

    const outside = await fetch(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }), {
      headers: { range: `bytes=${expected.length + 10}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${expected.length}`);
  });

  it('refuses an asset its publisher unlisted (NFT state 5), and initialize refuses it too', async () => {
    const txId = await orderFree(t.baseUrl, buyer, dataset);
    const nft = new Contract(dataset.publication!.nftAddress!, nftAbi, operatorWallet(chain));
    const unlist = (await nft.getFunction('setMetaDataState')(5)) as { wait(): Promise<unknown> };
    await unlist.wait();
    try {
      expect(await refused(await downloadUrl(t.baseUrl, buyer, { did: did(), txId, fileIndex }), 403)).toMatch(/not orderable/);
      const init = await fetch(
        `${t.baseUrl}/api/services/initialize?documentId=${did()}&serviceId=access&fileIndex=0&consumerAddress=${buyer.address}`,
      );
      expect(init.status).toBe(403);
    } finally {
      await ((await nft.getFunction('setMetaDataState')(0)) as { wait(): Promise<unknown> }).wait();
    }
  });
});

describe('the other provider services', () => {
  it('nonce: the last one used, "0" for an address never seen', async () => {
    const fresh = devAccount(7, chain);
    expect(await (await fetch(`${t.baseUrl}/api/services/nonce?userAddress=${fresh.address}`)).json()).toEqual({ nonce: '0' });
  });

  it('encrypt: a signed request gets the body ECIES-encrypted for the provider key', async () => {
    const encryptor = devAccount(8, chain);
    const nonce = String(Date.now());
    const signature = await encryptor.signMessage(requestDigest(encryptor.address, nonce, 'encrypt'));
    const url = `${t.baseUrl}/api/services/encrypt?chainId=8996&nonce=${nonce}&consumerAddress=${encryptor.address}&signature=${signature}`;
    const body = JSON.stringify({ nftAddress: dataset.publication!.nftAddress, files: [] });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(text).toMatch(/^0x04[0-9a-f]+$/);
    expect(Buffer.from(eciesDecrypt(t.config.ocean.providerKey!, text)).toString()).toBe(body);
    // The same request again: its nonce is used.
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body })).status).toBe(401);
  });

  it('fileInfo: the files of a service, without their CIDs', async () => {
    const response = await fetch(`${t.baseUrl}/api/services/fileInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ did: did(), serviceId: 'access' }),
    });
    expect(response.status).toBe(200);
    const info = (await response.json()) as Array<Record<string, unknown>>;
    expect(info).toHaveLength(dataset.files.length);
    expect(info[fileIndex]).toEqual({
      type: 'ipfs',
      valid: true,
      contentLength: String(expected.length),
      contentType: dataset.files[fileIndex]!.mediaType,
      name: dataset.files[fileIndex]!.name,
      checksum: dataset.files[fileIndex]!.sha256,
    });
  });
});
