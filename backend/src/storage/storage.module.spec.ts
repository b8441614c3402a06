import 'reflect-metadata';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Test } from '@nestjs/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedBlockstoreStorage } from './embedded-blockstore.storage.js';
import { KuboStorage } from './kubo.storage.js';
import { StorageModule } from './storage.module.js';
import { STORAGE_PORT, type StoragePort } from './storage.port.js';

const HELLO_CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';

describe('StorageModule.forRoot', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tessera-storage-module-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provides the embedded blockstore in <dataDir>/blocks and closes it at shutdown', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [StorageModule.forRoot({ dataDir })] }).compile();
    const storage = moduleRef.get<StoragePort>(STORAGE_PORT);

    expect(storage).toBeInstanceOf(EmbeddedBlockstoreStorage);
    expect(storage.kind).toBe('embedded');
    await access(path.join(dataDir, 'blocks'));
    expect(await storage.add(new TextEncoder().encode('hello world\n'))).toEqual({ cid: HELLO_CID, size: 12 });

    await moduleRef.close();
    await expect(storage.has(HELLO_CID)).rejects.toThrow(/closed/);
  });

  it('provides kubo when an API URL is set, without contacting it at boot', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [StorageModule.forRoot({ ipfsApiUrl: 'http://127.0.0.1:1', dataDir })],
    }).compile();
    const storage = moduleRef.get<StoragePort>(STORAGE_PORT);

    expect(storage).toBeInstanceOf(KuboStorage);
    expect(storage.kind).toBe('kubo');
    await moduleRef.close();
    await expect(storage.has(HELLO_CID)).rejects.toThrow(/closed/);
  });

  it('treats an empty API URL as absent', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [StorageModule.forRoot({ ipfsApiUrl: '', dataDir })],
    }).compile();
    expect(moduleRef.get<StoragePort>(STORAGE_PORT).kind).toBe('embedded');
    await moduleRef.close();
  });
});
