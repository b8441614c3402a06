import { Module } from '@nestjs/common';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsRepository } from './annotations.repository.js';
import { AnnotationsService } from './annotations.service.js';

@Module({
  controllers: [AnnotationsController],
  providers: [AnnotationsRepository, AnnotationsService],
})
export class AnnotationsModule {}
