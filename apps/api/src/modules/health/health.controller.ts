import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthDto, ReadinessDto } from '@kpi/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): HealthDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: the database answers and every migration is applied; 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    let body: ReadinessDto;
    try {
      const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM schema_migrations`);
      const applied = new Set(rows.map((r) => r.name));
      const pending = this.dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name)).length;
      body = { status: pending === 0 ? 'ready' : 'not_ready', database: 'up', pendingMigrations: pending };
    } catch {
      body = { status: 'not_ready', database: 'down', pendingMigrations: this.dataSource.migrations.length };
    }
    if (body.status !== 'ready') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
