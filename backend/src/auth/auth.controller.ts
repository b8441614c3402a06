import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../access/access.js';
import { RateLimitGroup } from '../http/rate-limits.js';
import { UserDto } from '../users/user.dto.js';
import { CurrentCaller, CurrentSession, Public } from './auth.decorators.js';
import { NonceDto, SessionDto, VerifyDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { SessionClaims } from './token.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimitGroup('sign-in')
  @Get('nonce')
  @ApiOkResponse({ type: NonceDto, description: 'A single-use nonce for an EIP-4361 message' })
  nonce(): Promise<NonceDto> {
    return this.auth.nonce();
  }

  @Public()
  @RateLimitGroup('sign-in')
  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  verify(@Body() body: VerifyDto): Promise<SessionDto> {
    return this.auth.verify(body.message, body.signature);
  }

  @ApiBearerAuth()
  @Post('renew')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'A new token for the same session, with the current roles; 401 once it is too old' })
  renew(@CurrentSession() session: SessionClaims, @CurrentCaller() caller: Caller): Promise<SessionDto> {
    return this.auth.renew(session, caller);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  me(@CurrentCaller() caller: Caller): Promise<UserDto> {
    return this.auth.me(caller.id);
  }
}
