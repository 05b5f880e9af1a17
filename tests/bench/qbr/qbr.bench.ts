/**
 * qbr.pdf_s / qbr.xlsx_s: time to generate one provider's quarterly review PDF (with the Chart.js trend
 * images) and workbook for a full quarter of the demo data (18 months seeded; the last complete quarter),
 * each next to the baseline qbr.assemble_s: assembling the same pack's data alone (every service call,
 * no rendering). Target: under 3 s each.
 */
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../../apps/api/src/bootstrap';
import { AppConfig } from '../../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../../apps/api/src/config/env.schema';
import { ProviderScope } from '../../../apps/api/src/modules/auth/provider-scope';
import { ChartRendererService } from '../../../apps/api/src/modules/charts/chart-renderer.service';
import { reviewToPdf } from '../../../apps/api/src/modules/reports/exporters/pdf.exporter';
import { reviewToXlsx } from '../../../apps/api/src/modules/reports/exporters/xlsx.exporter';
import { qbrChartRenderer } from '../../../apps/api/src/modules/reports/qbr-chart';
import { QuarterlyReviewService } from '../../../apps/api/src/modules/reports/quarterly-review.service';
import { printFigure, reportFigures, timeIt } from '../bench-report';
import { openBenchDatabase } from '../support/bench-database';

const QUARTER = '2026-Q3';
const ROUNDS = 3;

async function main(): Promise<void> {
  const db = await openBenchDatabase('qbr', true);
  let app: INestApplication | undefined;
  try {
    const config = new AppConfig(
      parseEnv({ DATABASE_URL: db.url, SEED_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', ENABLE_SCHEDULER: 'false', ENABLE_EMAIL: 'false', MAIL_CATCHER_PORT: '0', WEB_DIST_DIR: '/nonexistent' }),
    );
    app = await createApp(config, db.dataSource);
    await app.init();
    const reviews = app.get(QuarterlyReviewService, { strict: false });
    const charts = app.get(ChartRendererService, { strict: false });
    const [provider] = await db.dataSource.query(`SELECT id FROM providers WHERE code = 'PACIFICO'`);
    const scope = ProviderScope.all();
    const assemble = () => reviews.assembleProvider(scope, provider.id, QUARTER, { asOf: '2026-10-01' });

    await assemble(); // warm-up (catalog, rollups, Chart.js registration)
    const best = async (fn: () => Promise<unknown>) => {
      let min = Infinity;
      for (let i = 0; i < ROUNDS; i++) min = Math.min(min, (await timeIt(fn)).ms);
      return min / 1000;
    };
    const assembleS = await best(assemble);
    let pdfBytes = 0;
    let xlsxBytes = 0;
    const pdfS = await best(async () => {
      const pdf = await reviewToPdf(await assemble(), qbrChartRenderer(charts));
      pdfBytes = pdf.length;
    });
    const xlsxS = await best(async () => {
      const xlsx = await reviewToXlsx(await assemble());
      xlsxBytes = xlsx.length;
    });
    const rows = (await assemble()).sections.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length, 0), 0);
    console.log(`PACIFICO ${QUARTER}: ${rows} table rows, PDF ${(pdfBytes / 1024).toFixed(0)} KiB, workbook ${(xlsxBytes / 1024).toFixed(0)} KiB (best of ${ROUNDS})`);
    printFigure('qbr.pdf_s (assemble + PDF)', pdfS, 's', { name: 'qbr.assemble_s', value: assembleS });
    printFigure('qbr.xlsx_s (assemble + workbook)', xlsxS, 's', { name: 'qbr.assemble_s', value: assembleS });
    reportFigures({ 'qbr.pdf_s': pdfS, 'qbr.xlsx_s': xlsxS, 'qbr.assemble_s': assembleS });
  } finally {
    // Background start-up work (rollup refresh) may still hold connections: closing is best effort.
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
