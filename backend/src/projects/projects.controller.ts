import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../access/access.js';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators.js';
import { contentRange, parseId, parseListQuery } from '../http/list-query.js';
import { CreateProjectDto, PROJECT_FILTERS, PROJECT_SORTS, ProjectDto, UpdateProjectDto } from './project.dto.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequirePermission('project.read')
  @ApiOkResponse({ type: ProjectDto, isArray: true, description: 'Annotators see active projects only' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() raw: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectDto[]> {
    const query = parseListQuery(raw, { filters: PROJECT_FILTERS, sorts: PROJECT_SORTS });
    const page = await this.projects.list(caller, query);
    void reply.header('Content-Range', contentRange('projects', query, page));
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('project.read')
  @ApiOkResponse({ type: ProjectDto })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ProjectDto> {
    return this.projects.get(caller, parseId(id));
  }

  @Post()
  @RequirePermission('project.manage')
  @ApiCreatedResponse({ type: ProjectDto })
  create(@Body() body: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(body);
  }

  @Put(':id')
  @RequirePermission('project.manage')
  @ApiOkResponse({ type: ProjectDto })
  update(@Param('id') id: string, @Body() body: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(parseId(id), body);
  }

  @Delete(':id')
  @RequirePermission('project.manage')
  @ApiOkResponse({ type: ProjectDto })
  delete(@Param('id') id: string): Promise<ProjectDto> {
    return this.projects.delete(parseId(id));
  }
}
