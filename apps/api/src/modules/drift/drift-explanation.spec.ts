import {
  describeWhere,
  DriftExplanationInput,
  explainDriftEvent,
  formatDay,
  formatPercent,
} from './drift-explanation';

const aht = { name: 'AHT', unit: 'seconds' as const, displayPrecision: 0 };
const monterreyVoice = {
  level: 'site_line' as const,
  providerName: 'Norte',
  siteCity: 'Monterrey',
  serviceLine: 'voice',
  queue: null,
};
const base: DriftExplanationInput = {
  kpi: aht,
  where: monterreyVoice,
  kind: 'drift',
  direction: 'adverse',
  findingKind: 'level_shift',
  startDate: '2026-03-03',
  lastDataDate: '2026-05-31',
  magnitude: 0.11,
  baselineValue: null,
  currentValue: null,
};

describe('explainDriftEvent', () => {
  it.each<[string, Partial<DriftExplanationInput>, string]>([
    [
      'a slice whose siblings are stable (the brief example)',
      { siblings: { otherSites: 2, otherLinesHere: 1, drifting: [] } },
      'AHT at Monterrey voice has risen 11 % since 3 March; the other sites are stable.',
    ],
    [
      'only other lines at the same site',
      { siblings: { otherSites: 0, otherLinesHere: 2, drifting: [] } },
      'AHT at Monterrey voice has risen 11 % since 3 March; the other service lines of Monterrey are stable.',
    ],
    [
      'another slice drifting too',
      { siblings: { otherSites: 1, otherLinesHere: 0, drifting: ['Ciudad de México voice'] } },
      'AHT at Monterrey voice has risen 11 % since 3 March; Ciudad de México voice is drifting too.',
    ],
    [
      'a gradual trend with values, start in another year',
      {
        findingKind: 'trend',
        startDate: '2025-12-18',
        baselineValue: 355,
        currentValue: 401,
        magnitude: 0.129,
      },
      'AHT at Monterrey voice has gradually risen 13 % (355 s to 401 s) since 18 December 2025.',
    ],
    [
      'a provider-level drift names its main contributor',
      {
        where: { ...monterreyVoice, level: 'provider', siteCity: null, serviceLine: null },
        magnitude: 0.035,
        topContributor: { label: 'Monterrey voice', share: 0.93 },
      },
      'AHT at Norte has risen 3.5 % since 3 March; most of it comes from Monterrey voice (93 % of the change).',
    ],
    [
      'nearly all of it',
      {
        where: { ...monterreyVoice, level: 'provider', siteCity: null },
        topContributor: { label: 'Monterrey voice', share: 1.04 },
      },
      'AHT at Norte has risen 11 % since 3 March; nearly all of it comes from Monterrey voice.',
    ],
    [
      'an improvement is recorded, not alerted',
      {
        direction: 'favourable',
        magnitude: -0.08,
        siblings: { otherSites: 1, otherLinesHere: 0, drifting: [] },
      },
      'AHT at Monterrey voice has fallen 8.0 % since 3 March, an improvement (recorded, not alerted).',
    ],
    [
      'a variance change',
      { findingKind: 'variance_change', magnitude: 1.35 },
      'Day-to-day variability of AHT at Monterrey voice has grown 135 % since 3 March.',
    ],
    [
      'a resolved event says when and why',
      { resolvedOn: '2026-05-02', resolution: 'back_in_control' },
      'AHT at Monterrey voice has risen 11 % since 3 March; resolved on 2 May (back in control).',
    ],
  ])('%s', (_name, change, expected) => {
    expect(explainDriftEvent({ ...base, ...change })).toBe(expected);
  });

  it('explains a QA regression with the test figures', () => {
    const text = explainDriftEvent({
      ...base,
      kpi: { name: 'QA score', unit: 'percent', displayPrecision: 1 },
      where: {
        level: 'site_line',
        providerName: 'Altiplano',
        siteCity: 'Ciudad de México',
        serviceLine: 'finance_accounting',
        queue: null,
      },
      kind: 'qa_regression',
      qa: {
        scoreBefore: 0.909,
        scoreAfter: 0.852,
        autoFailBefore: 0.02,
        autoFailAfter: 0.051,
        scoreRegressed: true,
        autoFailRegressed: true,
        recentEvaluations: 408,
        qValue: 0.0001,
      },
    });
    expect(text).toBe(
      'QA has regressed at Ciudad de México finance & accounting since about 3 March: QA score down from 90.9 % to 85.2 %, ' +
        'auto-fail rate up from 2.0 % to 5.1 % over the last 4 weeks (408 evaluations, q < 0.001).',
    );
  });

  it.each([
    [
      'breach',
      'Service level at Monterrey voice breaches the minimum of "SL 80/20": 74.0 % so far this period against 80.0 %.',
    ],
    [
      'at_risk',
      'Service level at Monterrey voice is at risk of breaching "SL 80/20": 74.0 % so far this period, close to the minimum 80.0 %.',
    ],
    [
      'fast_burn',
      'Service level at Monterrey voice burns the error budget of "SL 80/20" fast (burn rate 2.6, lost on day 12 at this pace).',
    ],
  ] as const)('explains an SLA rule: %s', (finding, expected) => {
    const text = explainDriftEvent({
      ...base,
      kpi: { name: 'Service level', unit: 'percent', displayPrecision: 1 },
      kind: 'sla',
      sla: {
        finding,
        serviceLevelName: 'SL 80/20',
        value: 0.74,
        minimum: 0.8,
        projectedLossDay: 12,
        burnRate: 2.6,
      },
    });
    expect(text).toBe(expected);
  });
});

describe('formatting helpers', () => {
  it.each([
    [0.11, '11 %'],
    [-0.052, '5.2 %'],
    [0.004, '0.4 %'],
  ])('formatPercent(%p) = %p', (x, text) => expect(formatPercent(x)).toBe(text));

  it('formats days with the year only when it differs from the reference', () => {
    expect(formatDay('2026-03-03', '2026-10-31')).toBe('3 March');
    expect(formatDay('2025-11-04', '2026-10-31')).toBe('4 November 2025');
    expect(formatDay('garbage')).toBe('garbage');
  });

  it.each([
    [{ level: 'provider', providerName: 'Norte', siteCity: null, serviceLine: null, queue: null }, 'Norte'],
    [
      { level: 'site', providerName: 'Norte', siteCity: 'Monterrey', serviceLine: null, queue: null },
      'Monterrey',
    ],
    [
      {
        level: 'site_line',
        providerName: 'Norte',
        siteCity: 'Monterrey',
        serviceLine: 'it_helpdesk',
        queue: null,
      },
      'Monterrey IT help desk',
    ],
    [
      { level: 'queue', providerName: 'Norte', siteCity: 'Monterrey', serviceLine: 'voice', queue: 'Ventas' },
      'Monterrey voice, team Ventas',
    ],
  ] as const)('describeWhere %#', (where, text) => expect(describeWhere(where)).toBe(text));
});
