import { ServiceLineCode } from '@kpi/domain';
import { ColumnMapping } from './column-mapping';
import { ContactRow, parseContactsFile, parseSatisfaction, rollupContacts } from './contacts';
import { createIngestCatalog } from './ingest-catalog';
import { ObservationRecord } from './observation-record';

const TZ = 'America/Mexico_City';

let seq = 0;
function contact(overrides: Partial<ContactRow> = {}): ContactRow {
  seq++;
  return {
    contactId: `C${seq}`,
    startedAt: '2024-03-04T10:00:00-06:00',
    siteCode: 'MTY',
    serviceLine: 'voice' as ServiceLineCode,
    queue: 'ventas',
    answered: true,
    abandoned: false,
    waitSeconds: 10,
    handleSeconds: 300,
    resolvedFirstContact: null,
    satisfied: null,
    line: seq + 1,
    ...overrides,
  };
}

const components = (records: ObservationRecord[]) =>
  Object.fromEntries(
    records.map((r) => [
      `${r.periodStart} ${r.siteCode} ${r.queue} ${r.kpiCode}`,
      [r.numerator, r.denominator],
    ]),
  );

describe('rollupContacts', () => {
  it('3 contacts, 2 answered within 20 s: service level 2/3, ASA and AHT over answered ones', () => {
    const result = rollupContacts(
      [
        contact({ waitSeconds: 5, handleSeconds: 200 }),
        contact({ waitSeconds: 20, handleSeconds: 400 }),
        contact({ waitSeconds: 45, handleSeconds: 300 }),
      ],
      { slThresholdSeconds: 20, timeZone: TZ },
    );
    expect(components(result.records)).toEqual({
      '2024-03-04 MTY ventas service_level': [2, 3],
      '2024-03-04 MTY ventas asa': [70, 3],
      '2024-03-04 MTY ventas aht': [900, 3],
      '2024-03-04 MTY ventas abandonment_rate': [0, 3],
    });
    expect(result.records.every((r) => r.granularity === 'day' && !r.derived)).toBe(true);
  });

  it.each([
    // [short-abandon threshold, expected service level, expected abandonment rate]
    [undefined, [1, 4], [2, 4]],
    [5, [1, 3], [1, 3]],
  ])(
    'short abandons (threshold %s s) leave service level and abandonment rate',
    (shortAbandonSeconds, sl, abandonment) => {
      const rows = [
        contact({ waitSeconds: 10 }),
        contact({ answered: false, abandoned: true, waitSeconds: 3, handleSeconds: null }),
        contact({ answered: false, abandoned: true, waitSeconds: 60, handleSeconds: null }),
        contact({ waitSeconds: 30 }),
      ];
      const result = rollupContacts(rows, { slThresholdSeconds: 20, shortAbandonSeconds, timeZone: TZ });
      const c = components(result.records);
      expect(c['2024-03-04 MTY ventas service_level']).toEqual(sl);
      expect(c['2024-03-04 MTY ventas abandonment_rate']).toEqual(abandonment);
      expect(c['2024-03-04 MTY ventas asa']).toEqual([40, 2]);
      expect(c['2024-03-04 MTY ventas aht']).toEqual([600, 2]);
    },
  );

  it('counts FCR over assessed contacts and CSAT over survey responses', () => {
    const result = rollupContacts(
      [
        contact({ resolvedFirstContact: true, satisfied: true }),
        contact({ resolvedFirstContact: false, satisfied: false }),
        contact({ resolvedFirstContact: true, satisfied: null }),
        contact({ resolvedFirstContact: null, satisfied: true }),
      ],
      { slThresholdSeconds: 20, timeZone: TZ },
    );
    const c = components(result.records);
    expect(c['2024-03-04 MTY ventas fcr']).toEqual([2, 3]);
    expect(c['2024-03-04 MTY ventas csat']).toEqual([2, 3]);
  });

  it('counts a repeated contact id once and reports it', () => {
    const first = contact({ contactId: 'X1', line: 2 });
    const result = rollupContacts(
      [first, contact({ contactId: 'X1', line: 9, waitSeconds: 99 }), contact({ line: 10 })],
      { slThresholdSeconds: 20, timeZone: TZ },
    );
    expect(components(result.records)['2024-03-04 MTY ventas service_level']).toEqual([2, 2]);
    expect(result.stats.duplicates).toBe(1);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'duplicate',
        line: 9,
        value: 'X1',
        reason: 'is a contact id already seen on line 2; counted once',
      }),
    ]);
  });

  it('groups by local date in the time zone and by site, line and queue', () => {
    const result = rollupContacts(
      [
        contact({ startedAt: '2024-03-05T05:59:00Z' }), // 23:59 on the 4th in Mexico City
        contact({ startedAt: Date.UTC(2024, 2, 5, 6, 0) }), // 00:00 on the 5th
        contact({ startedAt: '2024-03-05T10:00:00', queue: 'cobranza' }), // local time, no offset
        contact({ siteCode: 'GDL', serviceLine: 'chat' }),
      ],
      { slThresholdSeconds: 20, timeZone: TZ },
    );
    const keys = [
      ...new Set(result.records.map((r) => `${r.periodStart} ${r.siteCode} ${r.serviceLine} ${r.queue}`)),
    ].sort();
    expect(keys).toEqual([
      '2024-03-04 GDL chat ventas',
      '2024-03-04 MTY voice ventas',
      '2024-03-05 MTY voice cobranza',
      '2024-03-05 MTY voice ventas',
    ]);
  });

  it('leaves rows without a wait out of service level and ASA', () => {
    const result = rollupContacts([contact({ waitSeconds: null }), contact({ waitSeconds: 10 })], {
      slThresholdSeconds: 20,
      timeZone: TZ,
    });
    const c = components(result.records);
    expect(c['2024-03-04 MTY ventas service_level']).toEqual([1, 1]);
    expect(c['2024-03-04 MTY ventas asa']).toEqual([10, 1]);
    expect(c['2024-03-04 MTY ventas abandonment_rate']).toEqual([0, 2]);
  });

  it.each([
    [
      'the last day ends hours early',
      [
        '2024-03-04T08:00:00-06:00',
        '2024-03-04T23:10:00-06:00',
        '2024-03-05T09:00:00-06:00',
        '2024-03-05T12:30:00-06:00',
      ],
      undefined,
      '2024-03-05',
      'looks partial',
    ],
    [
      'the last day is today',
      ['2024-03-04T23:10:00-06:00', '2024-03-05T23:30:00-06:00'],
      '2024-03-05',
      '2024-03-05',
      'is not over yet',
    ],
    [
      'every day is complete',
      ['2024-03-04T23:10:00-06:00', '2024-03-05T22:30:00-06:00'],
      '2024-03-10',
      null,
      null,
    ],
    ['one day only', ['2024-03-04T09:00:00-06:00'], undefined, null, null],
  ])('partial last day: %s', (_name, starts, today, partialDay, reason) => {
    const result = rollupContacts(
      starts.map((startedAt) => contact({ startedAt })),
      { slThresholdSeconds: 20, timeZone: TZ, today },
    );
    expect(result.partialDay).toBe(partialDay);
    if (reason === null) expect(result.warnings).toEqual([]);
    else
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'partial_day', reason: expect.stringContaining(reason) }),
      ]);
  });
});

describe('parseSatisfaction', () => {
  it.each([
    ['5', 'auto', true],
    ['4', 'auto', true],
    ['3', 'auto', false],
    ['1', 'auto', false],
    ['4,5', 'auto', true],
    ['yes', 'auto', true],
    ['no', 'auto', false],
    ['1', 'top2box', true],
    ['0', 'top2box', false],
    ['5', 'scale5', true],
  ] as const)('%j (%s) -> %s', (text, style, expected) => {
    expect(parseSatisfaction(text, style, ',')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['7', 'auto', 'is outside 1-5'],
    ['0', 'auto', 'is outside 1-5'],
    ['great', 'auto', 'is not a satisfaction score'],
    ['yes', 'scale5', 'is not a satisfaction score'],
  ] as const)('%j (%s) fails: %s', (text, style, reason) => {
    const result = parseSatisfaction(text, style);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseContactsFile', () => {
  const catalog = createIngestCatalog({ sites: [{ code: 'MTY', city: 'Monterrey' }] });
  const mapping: ColumnMapping = {
    version: 1,
    layout: 'contacts',
    columns: {
      contact_id: 'ID',
      started_at: 'Inicio',
      site: 'Sitio',
      queue: 'Cola',
      abandoned: 'Abandonada',
      wait_seconds: 'Espera',
      handle_seconds: 'Duración',
    },
    constants: { service_line: 'voice' },
    formats: { date: 'dd/mm/yyyy' },
  };

  it('derives answered from abandoned when only one is mapped, and reads durations and local times', async () => {
    const csv =
      'ID;Inicio;Sitio;Cola;Abandonada;Espera;Duración\n1;04/03/2024 09:00;Monterrey;ventas;no;0:00:12;0:05:00\n2;04/03/2024 09:05;MTY;ventas;sí;0:01:05;\n3;04/03/2024 09:10;MTY;ventas;no;30;4m 10s\n';
    const result = await parseContactsFile(Buffer.from(csv), {
      format: 'csv',
      mapping,
      catalog,
      today: '2024-03-10',
      timeZone: TZ,
      slThresholdSeconds: 20,
    });
    expect(result.errors).toEqual([]);
    expect(components(result.records)).toEqual({
      '2024-03-04 MTY ventas service_level': [1, 3],
      '2024-03-04 MTY ventas asa': [42, 2],
      '2024-03-04 MTY ventas aht': [550, 2],
      '2024-03-04 MTY ventas abandonment_rate': [1, 3],
    });
    expect(result.stats).toMatchObject({ rowsRead: 3, rowsRejected: 0, recordsOut: 4 });
  });

  it('requires the wait of answered contacts when the wait column is mapped', async () => {
    const csv =
      'ID;Inicio;Sitio;Cola;Abandonada;Espera;Duración\n1;04/03/2024 09:00;MTY;ventas;no;;0:05:00\n';
    const result = await parseContactsFile(Buffer.from(csv), {
      format: 'csv',
      mapping,
      catalog,
      today: '2024-03-10',
      timeZone: TZ,
      slThresholdSeconds: 20,
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'Espera',
        reason: 'the value is empty; the wait of an answered contact is required',
      }),
    ]);
    expect(result.stats.rowsRejected).toBe(1);
  });

  it('rejects a mapping of another layout', async () => {
    const result = await parseContactsFile(Buffer.from('a,b\n1,2\n'), {
      format: 'csv',
      mapping: { ...mapping, layout: 'wide' },
      catalog,
      today: '2024-03-10',
      timeZone: TZ,
      slThresholdSeconds: 20,
    });
    expect(result.errors.map((e) => e.reason)).toEqual(['is not the contacts layout']);
  });
});
