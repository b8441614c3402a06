import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { AuthNonceRepository } from './auth-nonce.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { NoncePurger } from './nonce-purger.js';
import { SessionsService } from './sessions.service.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthNonceRepository, AuthService, TokenService, SessionsService, NoncePurger, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, SessionsService],
})
export class AuthModule {}
