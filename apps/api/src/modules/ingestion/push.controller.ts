import { BadRequestException, Controller, Get, Headers, Param, PayloadTooLargeException, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { IngestionRunDetailDto, PushAcceptedDto } from '@kpi/contracts';
import type { Request } from 'express';
import { parseId } from '../../common/parse-id.pipe';
import { AcceptsBody } from '../../common/request-body.interceptor';
import { AppConfig } from '../../config/app-config.service';
import { Audit } from '../audit/audit.decorator';
import { IngestionRequestsService, UnauthorizedPush } from './ingestion-requests.service';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Push API for providers: `POST /api/ingest/push` with `X-Api-Key` (JSON observations or CSV text), answered
 * with the run id; `GET /api/ingest/runs/:id` with the same key. A key only reaches its own provider's runs.
 */
@ApiTags('ingest push')
@ApiHeader({ name: 'X-Api-Key', required: true })
@Controller('ingest')
export class PushController {
  constructor(
    private readonly requests: IngestionRequestsService,
    private readonly config: AppConfig,
  ) {}

  @Audit('api_key.push', { resource: 'ingestion_run', apiKey: true })
  @Post('push')
  @AcceptsBody('application/json', 'text/csv', 'text/plain')
  async push(@Headers(API_KEY_HEADER) key: string | undefined, @Req() req: Request): Promise<PushAcceptedDto> {
    const contentType = String(req.headers['content-type'] ?? '');
    const body = /json/i.test(contentType) ? req.body : await this.readBytes(req);
    try {
      return await this.requests.push(key, body, contentType);
    } catch (error) {
      if (error instanceof UnauthorizedPush) throw new UnauthorizedException('A valid X-Api-Key header is required');
      if (error instanceof SyntaxError) throw new BadRequestException('The body is not valid JSON');
      throw error;
    }
  }

  @Audit('api_key.run_view', { resource: 'ingestion_run', idParam: 'id', apiKey: true })
  @Get('runs/:id')
  async run(@Headers(API_KEY_HEADER) key: string | undefined, @Param('id', parseId('Run')) id: string): Promise<IngestionRunDetailDto> {
    try {
      return await this.requests.pushedRun(key, id);
    } catch (error) {
      if (error instanceof UnauthorizedPush) throw new UnauthorizedException('A valid X-Api-Key header is required');
      throw error;
    }
  }

  /**
   * CSV (or any non-JSON) bodies are not parsed by the global body parsers: read them here as bytes, with the
   * ingest upload limit (INGEST_MAX_UPLOAD_MB, separate from REQUEST_BODY_LIMIT). A CSV body then streams
   * through the chunked parser into the COPY bulk path.
   */
  private readBytes(req: Request): Promise<Uint8Array> {
    const limit = this.config.uploadLimitBytes;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          reject(new PayloadTooLargeException(`The body is larger than ${limit} bytes`));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }
}
