import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CacheBus } from './cache-bus.js';

/** Provides the CacheBus on the platform's database, to every module. */
@Global()
@Module({})
export class CacheModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return { module: CacheModule, providers: [{ provide: CacheBus, useFactory: () => new CacheBus(databaseUrl) }], exports: [CacheBus] };
  }
}
