import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../access/access.js';
import { UserDto } from '../users/user.dto.js';
import { CurrentCaller, Public } from './auth.decorators.js';
import { NonceDto, SessionDto, VerifyDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('nonce')
  @ApiOkResponse({ type: NonceDto, description: 'A single-use nonce for an EIP-4361 message' })
  nonce(): Promise<NonceDto> {
    return this.auth.nonce();
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  verify(@Body() body: VerifyDto): Promise<SessionDto> {
    return this.auth.verify(body.message, body.signature);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  me(@CurrentCaller() caller: Caller): Promise<UserDto> {
    return this.auth.me(caller.id);
  }
}
