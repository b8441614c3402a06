import { Module } from '@nestjs/common';
import { CallersService } from './callers.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, CallersService],
  exports: [UsersService, CallersService],
})
export class UsersModule {}
