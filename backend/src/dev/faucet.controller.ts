import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { RateLimitGroup } from '../http/rate-limits.js';
import { FaucetGrantDto, FaucetRequestDto } from './faucet.dto.js';
import { FaucetService } from './faucet.service.js';

/** Development helpers: only on the embedded chain (404 FAUCET_UNAVAILABLE elsewhere). */
@ApiTags('dev')
@Controller('dev')
export class FaucetController {
  constructor(private readonly faucet: FaucetService) {}

  @Post('faucet')
  @HttpCode(200)
  @Public()
  @RateLimitGroup('faucet')
  @ApiOkResponse({
    type: FaucetGrantDto,
    description: 'Gas (mined) and base tokens (queued) sent to the address; once per address per FAUCET_WINDOW_SECONDS',
  })
  grant(@Body() body: FaucetRequestDto): Promise<FaucetGrantDto> {
    return this.faucet.grant(body.address);
  }
}
