import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateUserDto, UpdateUserDto, USER_FILTERS, USER_SORTS, UserDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@RequirePermission('user.manage')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserDto, isArray: true })
  async list(@Query() raw: Record<string, string>, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserDto[]> {
    const query = parseListQuery(raw, { filters: USER_FILTERS, sorts: USER_SORTS });
    const page = await this.users.list(query);
    void reply.header('Content-Range', contentRange('users', query, page));
    return page.rows;
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(parseId(id));
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body.address, body.roles);
  }

  @Put(':id')
  @ApiOkResponse({ type: UserDto })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.updateRoles(caller, parseId(id), body.roles);
  }

  @Delete(':id')
  @ApiOkResponse({ type: UserDto })
  delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<UserDto> {
    return this.users.delete(caller, parseId(id));
  }
}
