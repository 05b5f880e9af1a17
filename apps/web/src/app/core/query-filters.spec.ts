import { choiceField, flagField, integerField, parseQueryFilters, textField, toQueryParams } from './query-filters';

const fields = {
  providerId: textField(),
  status: choiceField(['open', 'resolved'] as const, 'open'),
  kind: choiceField(['drift', 'sla'] as const),
  days: integerField(30, 1, 365),
  overdue: flagField(),
};

const parse = (query: string) => parseQueryFilters(fields, new URLSearchParams(query));

describe('query filters', () => {
  it('reads the defaults from an empty query and writes nothing back for them', () => {
    const filters = parse('');
    expect(filters).toEqual({ providerId: null, status: 'open', kind: null, days: 30, overdue: false });
    expect(toQueryParams(fields, filters)).toEqual({ providerId: null, status: null, kind: null, days: null, overdue: null });
  });

  it('round-trips chosen filters through the URL', () => {
    const filters = { providerId: 'p-1', status: null, kind: 'sla' as const, days: 90, overdue: true };
    const params = toQueryParams(fields, filters);
    expect(params).toEqual({ providerId: 'p-1', status: 'all', kind: 'sla', days: '90', overdue: 'true' });
    const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null));
    expect(parseQueryFilters(fields, query)).toEqual(filters);
  });

  it('falls back to the default for values it does not know', () => {
    expect(parse('status=closed&kind=everything&days=0&providerId=%20%20&overdue=yes')).toEqual({
      providerId: null,
      status: 'open',
      kind: null,
      days: 30,
      overdue: false,
    });
    expect(parse('days=12.5').days).toBe(30);
    expect(parse('days=400').days).toBe(30);
    expect(parse('status=resolved&days=7').status).toBe('resolved');
  });

  it('treats the any-token as "no filter" only where the default is a filter', () => {
    expect(parse('status=all').status).toBeNull();
    expect(parse('kind=all').kind).toBeNull();
  });
});
