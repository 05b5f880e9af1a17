import { TestBed } from '@angular/core/testing';
import type { AttainmentResultDto, ContractAttainmentDto } from '@kpi/contracts';
import { KpiDisplay } from '../kpi-display';
import { SlaAttainmentTableComponent } from './sla-attainment-table.component';

const serviceLevel: KpiDisplay = { code: 'service_level', name: 'Service level', unit: 'percent', direction: 'higher_is_better', displayPrecision: 1 };

function result(month: string, status: AttainmentResultDto['status'], value: number, overrides: Partial<AttainmentResultDto> = {}): AttainmentResultDto {
  return {
    serviceLevelId: 'sl',
    contractVersionId: 'v2',
    version: 2,
    period: { from: `${month}-01`, to: `${month}-30` },
    periodLabel: month,
    month,
    final: true,
    status,
    value,
    target: 0.8,
    minimum: 0.75,
    margin: value - 0.8,
    marginToMinimum: value - 0.75,
    numerator: value * 1000,
    denominator: 1000,
    observationCount: 30,
    excludedObservationCount: 0,
    exclusionsApplied: [],
    exclusionsIgnored: [],
    ...overrides,
  };
}

const contracts: ContractAttainmentDto[] = [
  {
    contractId: 'c1',
    contractName: 'Customer care',
    serviceLevels: [
      {
        serviceLevelId: 'sl',
        name: 'Voice 80/20 – Guadalajara',
        kpiCode: 'service_level',
        kind: 'critical',
        measurementPeriod: 'monthly',
        scopeLabel: 'Guadalajara · Voice',
        results: [
          result('2026-08', 'met', 0.83),
          result('2026-09', 'breached', 0.7417, {
            exclusionsApplied: [{ exclusionId: 'x', reason: 'Power outage', approvedBy: 'Ana', from: '2026-09-21', to: '2026-09-21', siteIds: null }],
          }),
          result('2026-10', 'breached', 0.74, { final: false }),
        ],
      },
    ],
  },
];

describe('SlaAttainmentTableComponent', () => {
  it('shows each month with its status, value against target and minimum, and exclusions', async () => {
    const fixture = TestBed.createComponent(SlaAttainmentTableComponent);
    fixture.componentRef.setInput('contracts', contracts);
    fixture.componentRef.setInput('months', ['2026-08', '2026-09', '2026-10', '2026-11']);
    fixture.componentRef.setInput('kpiFor', () => serviceLevel);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const cells = Array.from(host.querySelectorAll<HTMLElement>('[data-testid="sla-attainment-cell"]'));
    expect(cells.map((cell) => cell.dataset['status'])).toEqual(['met', 'breached', 'breached', 'none']);
    expect(cells[1].textContent).toContain('Breached');
    expect(cells[1].textContent).toContain('74.2 % (−5.8 pp)');
    expect(cells[1].textContent).toContain('target 80.0 % · min 75.0 % · v2');
    expect(cells[1].querySelector('[data-testid="sla-exclusion-flag"]')?.getAttribute('title')).toContain('Power outage');
    expect(cells[2].textContent).toContain('so far');
    expect(cells[3].textContent?.trim()).toBe('–');
    expect(host.querySelector('th')?.textContent).toContain('Service level');
    expect(host.textContent).toContain('Sep 2026');
  });
});
