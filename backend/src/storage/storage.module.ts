import path from 'node:path';
import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EmbeddedBlockstoreStorage } from './embedded-blockstore.storage.js';
import { KuboStorage } from './kubo.storage.js';
import { STORAGE_PORT, type StoragePort } from './storage.port.js';

export interface StorageModuleOptions {
  /** kubo's RPC API; absent or empty: the embedded blockstore. */
  ipfsApiUrl?: string;
  /** The embedded blockstore lives in `<dataDir>/blocks`. */
  dataDir: string;
  /** Default true: items, datasets and the marketplace all read files, so every module may inject the port. */
  isGlobal?: boolean;
}

async function createStorage(options: StorageModuleOptions): Promise<StoragePort> {
  if (options.ipfsApiUrl !== undefined && options.ipfsApiUrl !== '') return new KuboStorage(options.ipfsApiUrl);
  const storage = new EmbeddedBlockstoreStorage(path.join(options.dataDir, 'blocks'));
  await storage.open();
  return storage;
}

/**
 * Closes the port at application shutdown rather than module destroy: Nest stops the HTTP server between the
 * two, so downloads still streaming when shutdown starts can finish before storage goes away.
 */
@Injectable()
class StorageLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORAGE_PORT) private readonly storage: StoragePort) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

@Module({})
export class StorageModule {
  static forRoot(options: StorageModuleOptions): DynamicModule {
    return {
      module: StorageModule,
      global: options.isGlobal ?? true,
      providers: [{ provide: STORAGE_PORT, useFactory: () => createStorage(options) }, StorageLifecycle],
      exports: [STORAGE_PORT],
    };
  }
}
