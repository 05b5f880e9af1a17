import { DEMO_PROVIDERS, generateDemoObservations, seededRandom } from '../../demo/demo-data';

export interface DemoFeedObservation {
  periodStart: string;
  siteCode: string;
  serviceLine: string;
  queue: string;
  kpiCode: string;
  numerator: number;
  denominator: number | null;
}

const COUNT_KPIS = new Set(['service_level', 'abandonment_rate', 'fcr', 'csat', 'tat_compliance', 'accuracy', 'first_pass_match_rate', 'qa_autofail_rate']);

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * What the simulated provider reporting endpoint serves for one day: the demo generator's day shape with
 * day-specific deterministic noise (the same date always gives the same values), scaled down to the share of
 * the day elapsed for "today so far". Every third day, the endpoint also restates one value of three days
 * earlier (a late correction), so restatements appear in the demo.
 */
export function demoDay(providerCode: string, date: string, dayFraction = 1): DemoFeedObservation[] {
  const rows = generateDemoObservations(date, 1).filter((r) => r.providerCode === providerCode);
  return rows.map((r) => {
    const rand = seededRandom(hash(`${providerCode}/${r.siteCode}/${r.serviceLine}/${r.kpiCode}/${date}`));
    const wobble = 1 + (rand() - 0.5) * 0.06;
    let denominator = r.denominator;
    let numerator = r.numerator * wobble;
    if (denominator !== null) {
      if (COUNT_KPIS.has(r.kpiCode)) numerator = Math.min(Math.round(numerator), denominator);
      if (dayFraction < 1) {
        const scaled = Math.max(1, Math.round(denominator * dayFraction));
        numerator = (numerator * scaled) / denominator;
        if (COUNT_KPIS.has(r.kpiCode)) numerator = Math.min(Math.round(numerator), scaled);
        denominator = scaled;
      }
    }
    return {
      periodStart: date,
      siteCode: r.siteCode,
      serviceLine: r.serviceLine,
      queue: '',
      kpiCode: r.kpiCode,
      numerator: Math.round(numerator * 1000) / 1000,
      denominator,
    };
  });
}

/** A late correction of one value, three days before `today`, on every third day. */
export function demoCorrection(providerCode: string, today: string): DemoFeedObservation | null {
  if (hash(`${providerCode}/${today}`) % 3 !== 0) return null;
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 3);
  const date = day.toISOString().slice(0, 10);
  const rows = demoDay(providerCode, date).filter((r) => r.kpiCode === 'aht');
  if (rows.length === 0) return null;
  const row = rows[hash(today) % rows.length];
  return { ...row, numerator: Math.round(row.numerator * 1.04 * 1000) / 1000 };
}

export const DEMO_PROVIDER_CODES = DEMO_PROVIDERS.map((p) => p.code);
