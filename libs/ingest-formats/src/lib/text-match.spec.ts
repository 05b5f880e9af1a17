import { createIngestCatalog, prepareCatalog } from './ingest-catalog';
import { normaliseCode, normaliseName, suggestClosest } from './text-match';

describe('normaliseName / normaliseCode', () => {
  it.each([
    ['  Querétaro ', 'queretaro'],
    ['LEÓN', 'leon'],
    ['Nivel de Servicio (%)', 'nivel de servicio pct'],
    ['service_level', 'service level'],
    ['TMO (hh:mm:ss)', 'tmo hh mm ss'],
    ['F&A', 'f and a'],
  ])('%j -> %j', (text, expected) => {
    expect(normaliseName(text)).toBe(expected);
  });

  it('makes codes with underscores', () => {
    expect(normaliseCode('Service Level')).toBe('service_level');
  });
});

describe('"did you mean"', () => {
  const cities = ['Monterrey', 'Guadalajara', 'Querétaro', 'León', 'Mérida', 'Tijuana', 'Mexico City'].map(
    (label) => ({ label, key: normaliseName(label) }),
  );

  it.each([
    ['Monterey', 'Monterrey'],
    ['monterrey ', 'Monterrey'],
    ['Guadalajra', 'Guadalajara'],
    ['Queretaro', 'Querétaro'],
    ['MERIDA', 'Mérida'],
    ['Tijuna', 'Tijuana'],
  ])('%j -> %j', (typed, expected) => {
    expect(suggestClosest(typed, cities)).toBe(expected);
  });

  it.each(['Berlin', 'xyz', ''])('%j has no suggestion', (typed) => {
    expect(suggestClosest(typed, cities)).toBeUndefined();
  });

  it('suggests KPI codes and service lines from the catalog', () => {
    const catalog = prepareCatalog(createIngestCatalog({ sites: [{ code: 'MTY', city: 'Monterrey' }] }));
    expect(catalog.kpis.suggest('servce_level')).toBe('service_level');
    expect(catalog.kpis.suggest('abandonment_rte')).toBe('abandonment_rate');
    expect(catalog.serviceLines.suggest('voicee')).toBe('voice');
    expect(catalog.sites.suggest('Monterey')).toBe('Monterrey');
  });
});

describe('catalog resolution', () => {
  const catalog = prepareCatalog(
    createIngestCatalog({
      sites: [
        { code: 'MTY', name: 'Monterrey Norte', city: 'Monterrey' },
        { code: 'QRO', city: 'Querétaro' },
        { code: 'GDL1', city: 'Guadalajara' },
        { code: 'GDL2', city: 'Guadalajara' },
      ],
    }),
  );

  it.each([
    ['MTY', 'MTY'],
    ['mty', 'MTY'],
    ['Monterrey', 'MTY'],
    ['monterrey norte', 'MTY'],
    ['Queretaro', 'QRO'],
    ['QUERÉTARO', 'QRO'],
  ])('site %j -> %j', (raw, code) => {
    expect(catalog.sites.resolve(raw)).toEqual({ ok: true, value: code });
  });

  it('refuses a city shared by two sites', () => {
    const result = catalog.sites.resolve('Guadalajara');
    expect(result).toEqual({
      ok: false,
      kind: 'ambiguous',
      reason: 'matches several sites (GDL1, GDL2); use the site code',
    });
  });

  it.each([
    ['voice', 'voice'],
    ['Voz', 'voice'],
    ['Back Office', 'back_office'],
    ['F&A', 'finance_accounting'],
    ['Mesa de ayuda', 'it_helpdesk'],
    ['correo', 'email'],
  ])('service line %j -> %j', (raw, code) => {
    expect(catalog.serviceLines.resolve(raw)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['service_level', 'service_level'],
    ['Service Level', 'service_level'],
    ['Nivel de servicio', 'service_level'],
    ['TMO', 'aht'],
    ['AHT', 'aht'],
    ['Tasa de abandono', 'abandonment_rate'],
  ])('KPI %j -> %j', (raw, code) => {
    expect(catalog.kpis.resolve(raw)).toEqual({ ok: true, value: code });
  });
});
