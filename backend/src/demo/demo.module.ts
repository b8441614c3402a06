import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [ProjectsModule, ItemsModule], providers: [DemoSeeder] })
export class DemoModule {}
