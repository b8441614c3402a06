import path from 'node:path';
import { EmbeddedBlockstoreStorage } from './embedded-blockstore.storage.js';
import { KuboStorage } from './kubo.storage.js';
import type { StoragePort } from './storage.port.js';

export interface StorageModuleOptions {
  /** kubo's RPC API; absent or empty: the embedded blockstore. */
  ipfsApiUrl?: string;
  /** The embedded blockstore lives in `<dataDir>/blocks`. */
  dataDir: string;
  /** Default true: items, datasets and the marketplace all read files, so every module may inject the port. */
  isGlobal?: boolean;
}

/** The port the options name, opened: what the module provides, and what a worker thread makes for itself. */
export async function createStorage(options: StorageModuleOptions): Promise<StoragePort> {
  if (options.ipfsApiUrl !== undefined && options.ipfsApiUrl !== '') return new KuboStorage(options.ipfsApiUrl);
  const storage = new EmbeddedBlockstoreStorage(path.join(options.dataDir, 'blocks'));
  await storage.open();
  return storage;
}
