import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createStorage, type StorageModuleOptions } from './create-storage.js';
import { STORAGE_PORT, type StoragePort } from './storage.port.js';

export type { StorageModuleOptions } from './create-storage.js';

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
