import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { MyStandingDto, RequestReviewDto } from './suspensions.dto.js';
import { SuspensionsService } from './suspensions.service.js';

/** The signed-in annotator's own suspension, and their request for a review of it. */
@ApiTags('quality')
@ApiBearerAuth()
@RequirePermission('assignment.work')
@Controller('me/suspension')
export class MySuspensionController {
  constructor(private readonly suspensions: SuspensionsService) {}

  @Get()
  @ApiOkResponse({ type: MyStandingDto })
  get(@CurrentCaller() caller: Caller): Promise<MyStandingDto> {
    return this.suspensions.standing(caller);
  }

  @Post('review-request')
  @HttpCode(200)
  @ApiOkResponse({ type: MyStandingDto, description: 'Asks an admin to look at the suspension again (404 when not suspended)' })
  requestReview(@CurrentCaller() caller: Caller, @Body() body: RequestReviewDto): Promise<MyStandingDto> {
    return this.suspensions.requestReview(caller, body.message);
  }
}
