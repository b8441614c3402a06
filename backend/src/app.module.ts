import { Module, type DynamicModule, Global } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnnotationsModule } from './annotations/annotations.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CacheModule } from './cache/cache.module.js';
import { ChainModule } from './chain/chain.module.js';
import { runsBackgroundWork, type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatasetsModule } from './datasets/datasets.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DevModule } from './dev/dev.module.js';
import { HealthModule } from './health/health.module.js';
import { IndexerModule } from './indexer/indexer.module.js';
import { AquariusModule } from './aquarius/aquarius.module.js';
import { MarketModule } from './market/market.module.js';
import { ItemsModule } from './items/items.module.js';
import { OceanModule } from './ocean/ocean.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { QueueModule } from './queue/queue.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { ProviderModule } from './provider/provider.module.js';
import { RewardsModule } from './rewards/rewards.module.js';
import { SalesModule } from './sales/sales.module.js';
import { StatsModule } from './stats/stats.module.js';
import { StorageModule } from './storage/storage.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { UsersModule } from './users/users.module.js';

/** Hands the opened (and migrated) DataSource to every repository. */
@Global()
@Module({})
class DatabaseModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource, databaseUrl: string): DynamicModule {
    const storage = StorageModule.forRoot({ dataDir: config.dataDir, ...(config.ipfsApiUrl ? { ipfsApiUrl: config.ipfsApiUrl } : {}) });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(dataSource),
        QueueModule.forRoot(databaseUrl, config.jobTimeoutSeconds, runsBackgroundWork(config)),
        CacheModule.forRoot(databaseUrl),
        ChainModule.forRoot(config),
        { ...storage, global: true },
        AuthModule,
        UsersModule,
        ProjectsModule,
        ItemsModule,
        AssignmentsModule,
        RewardsModule,
        OceanModule,
        AnnotationsModule,
        DemoModule,
        StatsModule,
        DatasetsModule,
        IndexerModule,
        AquariusModule,
        MarketModule,
        SalesModule,
        DevModule,
        ProviderModule,
        HealthModule,
        ObservabilityModule,
      ],
    };
  }
}
