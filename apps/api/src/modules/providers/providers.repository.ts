import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ServiceLineCode } from '@kpi/domain';
import type { ServiceLineDto, SiteDto } from '@kpi/contracts';
import { ProviderScope } from '../auth/provider-scope';

export interface ProviderRecord {
  id: string;
  code: string;
  name: string;
  sites: SiteDto[];
  serviceLines: ServiceLineDto[];
}

@Injectable()
export class ProvidersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Providers within the scope, optionally one by id, with their sites and service lines. */
  async findVisible(scope: ProviderScope, id?: string): Promise<ProviderRecord[]> {
    const params: unknown[] = [];
    let where = scope.sqlCondition('p.id', params);
    if (id) {
      params.push(id);
      where += ` AND p.id = $${params.length}`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT p.id, p.code, p.name,
         COALESCE((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'city', s.city,
                     'country', s.country, 'timeZone', s.time_zone) ORDER BY s.city, s.code)
                   FROM sites s WHERE s.provider_id = p.id), '[]') AS sites,
         COALESCE((SELECT json_agg(json_build_object('code', l.code, 'name', l.name) ORDER BY l.name)
                   FROM provider_service_lines pl JOIN service_lines l ON l.code = pl.service_line_code
                   WHERE pl.provider_id = p.id), '[]') AS service_lines
       FROM providers p WHERE ${where} ORDER BY p.name`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      name: r['name'] as string,
      sites: r['sites'] as SiteDto[],
      serviceLines: r['service_lines'] as { code: ServiceLineCode; name: string }[],
    }));
  }
}
