import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LiveChangesDto } from '@kpi/contracts';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { LiveChangesRepository } from './live-changes.repository';

/**
 * `GET /api/live/changes`: what open dashboards poll to update without a reload. Answers 304 while the ETag
 * the client sends still matches, so an idle dashboard costs one tiny request per poll.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveController {
  constructor(private readonly changes: LiveChangesRepository) {}

  @Get('changes')
  async latest(@Scope() scope: ProviderScope, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LiveChangesDto | void> {
    const latest = await this.changes.latest(scope);
    const etag = `"${createHash('sha256').update(JSON.stringify(latest)).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (matches(req.headers['if-none-match'], etag)) {
      res.status(304);
      return;
    }
    return latest;
  }
}

function matches(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
