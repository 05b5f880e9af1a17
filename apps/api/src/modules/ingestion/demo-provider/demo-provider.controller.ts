import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, Query, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../../config/app-config.service';
import { IngestionClock } from '../ingestion.clock';
import { DEMO_PROVIDER_CODES, DemoFeedObservation, demoCorrection, demoDay } from './demo-provider-data';

const PAGE_SIZE = 200;
const MAX_DAYS = 62;

/** The demo API token the demo feeds send (derived from the current secrets key, so nothing extra is stored). */
export function demoProviderToken(config: AppConfig, key: Buffer = config.secretsKey): string {
  return createHmac('sha256', key).update('demo-provider-token').digest('base64url');
}

/** Tokens derived from every configured key, so the demo feeds keep working after a key rotation. */
function acceptedDemoTokens(config: AppConfig): string[] {
  return [...config.secretsKeyRing.keys.values()].map((key) => demoProviderToken(config, key));
}

/**
 * A simulated provider reporting endpoint (demo only: it answers 404 unless demo data is seeded):
 * `GET /api/demo-provider/:code/observations?from=&to=&page=` with `Authorization: Bearer <demo token>`,
 * JSON `{ observations, nextPage }`, 200 rows a page.
 */
@ApiExcludeController()
@Controller('demo-provider')
export class DemoProviderController {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: IngestionClock,
  ) {}

  @Get(':code/observations')
  observations(
    @Param('code') code: string,
    @Headers('authorization') authorization: string | undefined,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('page') page: string | undefined,
  ): { observations: DemoFeedObservation[]; nextPage: number | null } {
    if (!this.config.seedDemo || !DEMO_PROVIDER_CODES.includes(code)) throw new NotFoundException('Not found');
    const given = Buffer.from(authorization ?? '');
    const matches = acceptedDemoTokens(this.config).some((token) => {
      const expected = Buffer.from(`Bearer ${token}`);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw new UnauthorizedException('Bad demo token');
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!from || !to || !date.test(from) || !date.test(to) || from > to) throw new BadRequestException('from and to (yyyy-mm-dd) are required');
    const now = this.clock.now();
    const timeZone = 'America/Mexico_City';
    const today = this.clock.today(timeZone);
    const rows: DemoFeedObservation[] = [];
    const day = new Date(`${from}T00:00:00Z`);
    for (let n = 0; n < MAX_DAYS; n++) {
      const iso = day.toISOString().slice(0, 10);
      if (iso > to || iso > today) break;
      rows.push(...demoDay(code, iso, iso === today ? dayFraction(now, timeZone) : 1));
      day.setUTCDate(day.getUTCDate() + 1);
    }
    const correction = to >= today ? demoCorrection(code, today) : null;
    if (correction && correction.periodStart < from) rows.push(correction);
    const start = Math.max(0, Number(page ?? 0) || 0) * PAGE_SIZE;
    const slice = rows.slice(start, start + PAGE_SIZE);
    return { observations: slice, nextPage: start + PAGE_SIZE < rows.length ? start / PAGE_SIZE + 1 : null };
  }
}

function dayFraction(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return Math.max(0.01, (hour * 60 + minute) / 1440);
}
