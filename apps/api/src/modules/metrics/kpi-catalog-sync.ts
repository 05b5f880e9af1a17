import { BUILT_IN_KPIS, SERVICE_LINES } from '@kpi/domain';
import { EntityManager } from 'typeorm';

/** Brings the built-in service lines and KPI definitions in the database in line with the code's catalog. */
export async function syncBuiltInCatalog(manager: EntityManager): Promise<void> {
  for (const line of SERVICE_LINES) {
    await manager.query(
      `INSERT INTO service_lines (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [line.code, line.name],
    );
  }
  for (const kpi of BUILT_IN_KPIS) {
    await manager.query(
      `INSERT INTO kpi_definitions
         (code, name, description, unit, direction, aggregation, numerator_label, denominator_label,
          display_precision, band_low, band_high, service_lines, built_in)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,true)
       ON CONFLICT (code) DO UPDATE SET
         name = EXCLUDED.name, description = EXCLUDED.description, unit = EXCLUDED.unit,
         direction = EXCLUDED.direction, aggregation = EXCLUDED.aggregation,
         numerator_label = EXCLUDED.numerator_label, denominator_label = EXCLUDED.denominator_label,
         display_precision = EXCLUDED.display_precision, band_low = EXCLUDED.band_low,
         band_high = EXCLUDED.band_high, service_lines = EXCLUDED.service_lines, built_in = true, updated_at = now()
       WHERE kpi_definitions.built_in`,
      [
        kpi.code,
        kpi.name,
        kpi.description,
        kpi.unit,
        kpi.direction,
        kpi.aggregation,
        kpi.numeratorLabel,
        kpi.denominatorLabel,
        kpi.displayPrecision,
        kpi.band?.low ?? null,
        kpi.band?.high ?? null,
        [...kpi.serviceLines],
      ],
    );
  }
}
