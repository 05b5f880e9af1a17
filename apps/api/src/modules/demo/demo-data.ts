import { ServiceLineCode } from '@kpi/domain';

/**
 * Deterministic demo history: 18 months of daily KPI components for three nearshore providers, with
 * weekly seasonality, noise and three injected problems every later screen can show:
 *  - a gradual AHT drift at Norte's Monterrey voice queue (+~15 % over the last 120 days),
 *  - a service-level step drop at Pacífico's Guadalajara voice queue (84 % -> 74 %, 75 days ago),
 *  - a QA score decline at Altiplano's Mexico City finance team (92 % -> ~83 % over the last 90 days).
 */
export interface DemoSite {
  code: string;
  city: string;
  timeZone: string;
  lines: ServiceLineCode[];
}

export interface DemoProvider {
  code: string;
  name: string;
  timeZone: string;
  sites: DemoSite[];
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    code: 'NORTE',
    name: 'Norte Contact Solutions',
    timeZone: 'America/Monterrey',
    sites: [
      { code: 'MTY', city: 'Monterrey', timeZone: 'America/Monterrey', lines: ['voice', 'chat', 'it_helpdesk'] },
      { code: 'CDMX', city: 'Ciudad de México', timeZone: 'America/Mexico_City', lines: ['voice', 'chat'] },
    ],
  },
  {
    code: 'PACIFICO',
    name: 'Pacífico BPO',
    timeZone: 'America/Mexico_City',
    sites: [
      { code: 'GDL', city: 'Guadalajara', timeZone: 'America/Mexico_City', lines: ['voice', 'email'] },
      { code: 'QRO', city: 'Querétaro', timeZone: 'America/Mexico_City', lines: ['voice', 'back_office'] },
    ],
  },
  {
    code: 'ALTIPLANO',
    name: 'Altiplano Finance & Services',
    timeZone: 'America/Mexico_City',
    sites: [
      { code: 'CDMX', city: 'Ciudad de México', timeZone: 'America/Mexico_City', lines: ['finance_accounting', 'back_office'] },
      { code: 'MTY', city: 'Monterrey', timeZone: 'America/Monterrey', lines: ['finance_accounting', 'it_helpdesk'] },
    ],
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  role: 'admin' | 'account_manager' | 'executive' | 'provider';
  /** Provider codes: assignments for account managers, the employer for provider users. */
  providers: string[];
}

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.kpigov.mx', displayName: 'Ana Admin', role: 'admin', providers: [] },
  { email: 'maria.lopez@demo.kpigov.mx', displayName: 'María López', role: 'account_manager', providers: ['NORTE', 'PACIFICO'] },
  { email: 'jorge.ramirez@demo.kpigov.mx', displayName: 'Jorge Ramírez', role: 'account_manager', providers: ['ALTIPLANO'] },
  { email: 'exec@demo.kpigov.mx', displayName: 'Elena Ejecutiva', role: 'executive', providers: [] },
  { email: 'lead@norte.demo.kpigov.mx', displayName: 'Luis Norte (provider lead)', role: 'provider', providers: ['NORTE'] },
];

export interface DemoObservation {
  providerCode: string;
  siteCode: string;
  serviceLine: ServiceLineCode;
  kpiCode: string;
  periodStart: string;
  numerator: number;
  denominator: number | null;
}

export const DEMO_HISTORY_DAYS = 548;

/** Injected problems, in days before the last seeded day; exported so tests can find them. */
export const DEMO_INCIDENTS = {
  ahtDrift: { provider: 'NORTE', site: 'MTY', line: 'voice' as ServiceLineCode, kpi: 'aht', startDaysAgo: 120, totalRise: 0.15 },
  serviceLevelDrop: { provider: 'PACIFICO', site: 'GDL', line: 'voice' as ServiceLineCode, kpi: 'service_level', startDaysAgo: 75, from: 0.84, to: 0.74 },
  qaDecline: { provider: 'ALTIPLANO', site: 'CDMX', line: 'finance_accounting' as ServiceLineCode, kpi: 'qa_score', startDaysAgo: 90, from: 0.92, to: 0.83 },
};

/** Share of QA evaluations that auto-fail outside the planted QA decline. */
const DEMO_QA_AUTO_FAIL_RATE = 0.02;

/** Mulberry32: small, fast, deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Monday..Sunday volume profile of a Mexican contact center (Mondays peak, Sundays quiet).
const WEEKDAY_VOLUME = [1.22, 1.08, 1.03, 1.0, 0.97, 0.62, 0.45];
const LINE_VOLUME: Record<ServiceLineCode, number> = {
  voice: 2400,
  chat: 1300,
  email: 900,
  back_office: 1600,
  finance_accounting: 700,
  it_helpdesk: 450,
};

/**
 * Generates the demo history ending on `lastDay` (inclusive), for `days` days.
 * Pure: the same arguments always give the same rows.
 */
export function generateDemoObservations(lastDay: string, days = DEMO_HISTORY_DAYS): DemoObservation[] {
  const rows: DemoObservation[] = [];
  const firstDay = addDays(lastDay, -(days - 1));
  for (const provider of DEMO_PROVIDERS) {
    for (const site of provider.sites) {
      for (const line of site.lines) {
        const rand = seededRandom(hashSeed(`${provider.code}/${site.code}/${line}`));
        const noise = (sd: number) => {
          // Box-Muller normal noise
          const u = Math.max(rand(), 1e-12);
          return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()) * sd;
        };
        const siteQuality = 0.98 + rand() * 0.04;
        let backlog = Math.round(LINE_VOLUME[line] * 0.3);
        for (let i = 0; i < days; i++) {
          const date = addDays(firstDay, i);
          const daysAgo = days - 1 - i;
          const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
          const season = WEEKDAY_VOLUME[weekday] * (1 + 0.06 * Math.sin((2 * Math.PI * i) / 365));
          const volume = Math.max(20, Math.round(LINE_VOLUME[line] * season * (1 + noise(0.05))));
          const push = (kpiCode: string, numerator: number, denominator: number | null) =>
            rows.push({
              providerCode: provider.code,
              siteCode: site.code,
              serviceLine: line,
              kpiCode,
              periodStart: date,
              numerator: Math.round(numerator * 1000) / 1000,
              denominator,
            });
          const clamp01 = (x: number) => Math.min(0.999, Math.max(0.01, x));
          const is = (incident: { provider: string; site: string; line: ServiceLineCode }) =>
            incident.provider === provider.code && incident.site === site.code && incident.line === line;

          if (line === 'voice' || line === 'chat' || line === 'it_helpdesk') {
            // Busy Mondays answer a little slower: a real weekday pattern the detectors must not flag.
            let slRate = clamp01((line === 'chat' ? 0.86 : 0.83) * siteQuality - (weekday === 0 ? 0.03 : 0) + noise(0.02));
            const drop = DEMO_INCIDENTS.serviceLevelDrop;
            if (is(drop) && daysAgo <= drop.startDaysAgo) slRate = clamp01(slRate - (drop.from - drop.to));
            const abandonRate = clamp01(0.035 + (0.85 - slRate) * 0.25 + noise(0.006));
            const abandoned = Math.round(volume * abandonRate);
            const answered = volume - abandoned;
            push('service_level', Math.round(volume * slRate), volume);
            push('abandonment_rate', abandoned, volume);
            push('asa', answered * Math.max(3, 14 + (0.85 - slRate) * 120 + noise(2)), answered);
            let aht = (line === 'chat' ? 540 : line === 'it_helpdesk' ? 610 : 355) * (1 + noise(0.025));
            const drift = DEMO_INCIDENTS.ahtDrift;
            if (is(drift) && daysAgo <= drift.startDaysAgo) aht *= 1 + drift.totalRise * ((drift.startDaysAgo - daysAgo) / drift.startDaysAgo);
            push('aht', answered * aht, answered);
            push('fcr', Math.round(answered * clamp01(0.74 + noise(0.02))), answered);
            const surveys = Math.max(5, Math.round(answered * 0.08));
            push('csat', Math.round(surveys * clamp01(0.86 + noise(0.03))), surveys);
            if (line === 'voice') {
              const handle = answered * aht;
              push('occupancy', handle, handle / clamp01(0.87 + noise(0.02)));
            }
            if (line === 'it_helpdesk') {
              const done = Math.round(volume * 0.3);
              push('tat_compliance', Math.round(done * clamp01(0.93 + noise(0.02))), done);
              backlog = Math.max(0, Math.round(backlog * 0.7 + volume * 0.3 * 0.3 + noise(8)));
              push('backlog', backlog, null);
            }
          } else {
            const done = volume;
            push('tat_compliance', Math.round(done * clamp01(0.95 + noise(0.015))), done);
            backlog = Math.max(0, Math.round(backlog * 0.6 + volume * 0.12 + noise(15)));
            push('backlog', backlog, null);
            if (line === 'email') {
              push('aht', done * 420 * (1 + noise(0.03)), done);
              const surveys = Math.max(5, Math.round(done * 0.05));
              push('csat', Math.round(surveys * clamp01(0.82 + noise(0.03))), surveys);
            } else {
              const audited = Math.max(10, Math.round(done * 0.1));
              push('accuracy', Math.round(audited * clamp01(0.985 + noise(0.006))), audited);
            }
            if (line === 'finance_accounting') {
              push('invoice_cycle_time', done * Math.max(0.5, 3.1 + noise(0.25)), done);
              push('first_pass_match_rate', Math.round(done * clamp01(0.78 + noise(0.025))), done);
            }
          }
          // QA: evaluations sampled every day; points earned / possible, auto-fails tracked on their own.
          const evaluations = weekday >= 5 ? 6 : 18;
          let qaRate = 0.92 * siteQuality + noise(0.015);
          const qa = DEMO_INCIDENTS.qaDecline;
          if (is(qa) && daysAgo <= qa.startDaysAgo) qaRate -= (qa.from - qa.to) * ((qa.startDaysAgo - daysAgo) / qa.startDaysAgo);
          const possible = evaluations * 100;
          const autoFailP = is(qa) && daysAgo <= qa.startDaysAgo ? 0.05 : DEMO_QA_AUTO_FAIL_RATE;
          let autoFails = 0;
          for (let e = 0; e < evaluations; e++) if (rand() < autoFailP) autoFails++;
          // An auto-failed evaluation scores 0 (DOMAIN.md); the others score qaRate scaled so that, at the usual
          // auto-fail rate, the QA score is about qaRate. (Same random draws as before: only the numerator changed.)
          const scored = clamp01(qaRate / (1 - DEMO_QA_AUTO_FAIL_RATE));
          push('qa_score', Math.round((evaluations - autoFails) * 100 * scored), possible);
          push('qa_autofail_rate', autoFails, evaluations);
        }
      }
    }
  }
  return rows;
}
