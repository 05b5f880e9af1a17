import {
  AmazonConnectMappingOptions,
  mapAmazonConnectMetrics,
  parseAmazonConnectJson,
} from './amazon-connect';
import { createIngestCatalog } from './ingest-catalog';

const options: AmazonConnectMappingOptions = {
  queues: { 'q-1': { siteCode: 'MTY', serviceLine: 'voice', queue: 'ventas' } },
  timeZone: 'America/Mexico_City',
  granularity: 'day',
};

const interval = { Interval: 'DAY', StartTime: '2024-03-04T06:00:00Z', EndTime: '2024-03-05T06:00:00Z' };
const value = (Name: string, Value: number | null | string, threshold?: number) => ({
  Metric:
    threshold === undefined
      ? { Name }
      : { Name, Threshold: [{ Comparison: 'LT', ThresholdValue: threshold }] },
  Value,
});
const result = (collections: unknown[], overrides: Record<string, unknown> = {}) => ({
  MetricResults: [
    {
      Dimensions: { QUEUE: 'q-1', CHANNEL: 'VOICE' },
      MetricInterval: interval,
      Collections: collections,
      ...overrides,
    },
  ],
});
const byKpi = (
  records: { kpiCode: string; numerator: number; denominator: number | null; derived: boolean }[],
) => Object.fromEntries(records.map((r) => [r.kpiCode, [r.numerator, r.denominator, r.derived]]));

describe('mapAmazonConnectMetrics', () => {
  it('prefers count metrics over ready-made percentages', () => {
    const mapped = mapAmazonConnectMetrics(
      result([
        value('CONTACTS_QUEUED', 400),
        value('CONTACTS_HANDLED', 380),
        value('CONTACTS_ABANDONED', 20),
        value('SUM_CONTACTS_ANSWERED_IN_X', 320, 20),
        value('SERVICE_LEVEL', 99.9, 20),
        value('ABANDONMENT_RATE', 50),
        value('SUM_HANDLE_TIME', 114_000),
        value('AVG_HANDLE_TIME', 999),
      ]),
      options,
    );
    expect(mapped.errors).toEqual([]);
    expect(byKpi(mapped.records)).toEqual({
      service_level: [320, 400, false],
      abandonment_rate: [20, 400, false],
      aht: [114_000, 380, false],
    });
  });

  it('falls back to percentages and averages, flagged derived', () => {
    const mapped = mapAmazonConnectMetrics(
      result([
        value('CONTACTS_QUEUED', 400),
        value('CONTACTS_HANDLED', 380),
        value('SERVICE_LEVEL', 80.5, 20),
        value('ABANDONMENT_RATE', 4.5),
        value('AVG_HANDLE_TIME', 300.5),
        value('AVG_QUEUE_ANSWER_TIME', 12.25),
      ]),
      options,
    );
    expect(byKpi(mapped.records)).toEqual({
      service_level: [322, 400, true],
      abandonment_rate: [18, 400, true],
      aht: [114_190, 380, true],
      asa: [4655, 380, true],
    });
  });

  it('skips null values (no data) without errors', () => {
    const mapped = mapAmazonConnectMetrics(
      result([
        value('CONTACTS_QUEUED', 400),
        value('CONTACTS_ABANDONED', null),
        value('ABANDONMENT_RATE', null),
        value('SUM_CONTACTS_ANSWERED_IN_X', 300, 20),
      ]),
      options,
    );
    expect(mapped.errors).toEqual([]);
    expect(byKpi(mapped.records)).toEqual({ service_level: [300, 400, false] });
  });

  it('picks the configured threshold, or the only one present', () => {
    const collections = [
      value('CONTACTS_QUEUED', 100),
      value('SUM_CONTACTS_ANSWERED_IN_X', 70, 20),
      value('SUM_CONTACTS_ANSWERED_IN_X', 90, 60),
    ];
    expect(
      byKpi(mapAmazonConnectMetrics(result(collections), { ...options, slThresholdSeconds: 60 }).records),
    ).toEqual({ service_level: [90, 100, false] });
    const ambiguous = mapAmazonConnectMetrics(result(collections), options);
    expect(ambiguous.errors).toEqual([
      expect.objectContaining({
        code: 'mapping',
        reason: expect.stringContaining('several service level thresholds (20, 60 s)'),
      }),
    ]);
    expect(byKpi(mapAmazonConnectMetrics(result(collections.slice(0, 2)), options).records)).toEqual({
      service_level: [70, 100, false],
    });
  });

  it('finds queues by ARN tail and reads epoch-second interval bounds', () => {
    const mapped = mapAmazonConnectMetrics(
      result([value('CONTACTS_QUEUED', 10), value('CONTACTS_ABANDONED', 1)], {
        Dimensions: { QUEUE: 'arn:aws:connect:us-east-1:1:instance/i/queue/q-1' },
        MetricInterval: {
          Interval: 'DAY',
          StartTime: Date.UTC(2024, 2, 5, 6) / 1000,
          EndTime: Date.UTC(2024, 2, 6, 6) / 1000,
        },
      }),
      options,
    );
    expect(mapped.records).toEqual([
      expect.objectContaining({
        periodStart: '2024-03-05',
        siteCode: 'MTY',
        kpiCode: 'abandonment_rate',
        numerator: 1,
        denominator: 10,
      }),
    ]);
  });

  it.each([
    [
      'an unmapped queue',
      result([value('CONTACTS_QUEUED', 1)], { Dimensions: { QUEUE: 'zzz' } }),
      'MetricResults[0].Dimensions.QUEUE',
      'is not a mapped queue id',
    ],
    [
      'no interval',
      result([value('CONTACTS_QUEUED', 1)], { MetricInterval: undefined }),
      'MetricResults[0].MetricInterval',
      'request the data with an IntervalPeriod',
    ],
    [
      'a negative value',
      result([value('CONTACTS_QUEUED', -1)]),
      'MetricResults[0].Collections[0].Value',
      'is not a non-negative number',
    ],
    [
      'a value as text',
      result([value('CONTACTS_QUEUED', '7')]),
      'MetricResults[0].Collections[0].Value',
      'is not a non-negative number',
    ],
    [
      'an interval across two local days',
      result([value('CONTACTS_QUEUED', 1)], {
        MetricInterval: { StartTime: '2024-03-04T00:00:00Z', EndTime: '2024-03-05T00:00:00Z' },
      }),
      'MetricResults[0].MetricInterval',
      'spans more than one day',
    ],
    ['not a GetMetricDataV2 response', { results: [] }, 'MetricResults', 'not a GetMetricDataV2 response'],
  ])('reports %s with its JSON path', (_name, json, path, reason) => {
    const mapped = mapAmazonConnectMetrics(json, options);
    expect(mapped.errors).toEqual([
      expect.objectContaining({ line: null, path, reason: expect.stringContaining(reason) }),
    ]);
  });
});

describe('parseAmazonConnectJson', () => {
  it('maps and validates', () => {
    const catalog = createIngestCatalog({ sites: [{ code: 'MTY' }] });
    const json = JSON.stringify(
      result([
        value('CONTACTS_QUEUED', 400),
        value('CONTACTS_HANDLED', 380),
        value('CONTACTS_ABANDONED', 20),
      ]),
    );
    const parsed = parseAmazonConnectJson(json, { ...options, catalog, today: '2024-03-10' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toHaveLength(1);
    expect(
      parseAmazonConnectJson(json, { ...options, catalog, today: '2024-03-03' }).errors[0].reason,
    ).toContain('is in the future');
  });
});
