import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { OceanConfigDto } from './ocean.dto.js';
import { OceanService } from './ocean.service.js';

@ApiTags('ocean')
@Controller('ocean')
export class OceanController {
  constructor(private readonly ocean: OceanService) {}

  @Public()
  @Get('config')
  @ApiOkResponse({ type: OceanConfigDto, description: 'What an ocean.js Config needs for this chain, with Tessera as the Ocean node' })
  config(): OceanConfigDto {
    return this.ocean.config();
  }
}
