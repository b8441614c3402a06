import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ItemsImportService, type ImportSource } from '../items/items-import.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { DEMO_PROJECTS, type DemoProject } from './demo-data.js';

function sourcesFor(demo: DemoProject): AsyncIterable<ImportSource> {
  const sources: ImportSource[] = [];
  if (demo.items.length > 0) {
    sources.push({ mimeType: 'application/json', content: Readable.from([Buffer.from(JSON.stringify(demo.items))]) });
  }
  for (const image of demo.images ?? []) {
    sources.push({ fileName: image.name, mimeType: 'image/png', content: Readable.from([image.png()]) });
  }
  return Readable.from(sources);
}

/** Fills an empty embedded install with one project of each type, through the normal import path. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projects: ProjectsService,
    private readonly importer: ItemsImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    if (await this.projects.hasProjects()) return;
    for (const demo of DEMO_PROJECTS) {
      const project = await this.projects.create(demo.project);
      const result = await this.importer.import(project.id, sourcesFor(demo));
      this.logger.log(`demo project "${project.name}": ${result.imported} items`);
    }
  }
}
