import { TestBed } from '@angular/core/testing';
import { KpiDisplay } from '../kpi-display';
import { KpiValueComponent } from './kpi-value.component';

const csat: KpiDisplay = {
  code: 'csat',
  name: 'Customer satisfaction',
  unit: 'percent',
  direction: 'higher_is_better',
  displayPrecision: 1,
};
const asa: KpiDisplay = { code: 'asa', name: 'ASA', unit: 'seconds', direction: 'lower_is_better', displayPrecision: 0 };
const occupancy: KpiDisplay = {
  code: 'occupancy',
  name: 'Occupancy',
  unit: 'percent',
  direction: 'target_band',
  displayPrecision: 1,
  band: { low: 0.85, high: 0.9 },
};

async function render(kpi: KpiDisplay, value: number | null, previousValue: number | null) {
  const fixture = TestBed.createComponent(KpiValueComponent);
  fixture.componentRef.setInput('kpi', kpi);
  fixture.componentRef.setInput('value', value);
  fixture.componentRef.setInput('previousValue', previousValue);
  await fixture.whenStable();
  const host = fixture.nativeElement as HTMLElement;
  return {
    host,
    number: host.querySelector('.kpi-value__number')?.textContent?.trim(),
    arrow: host.querySelector('[aria-hidden="true"]'),
    spoken: host.querySelector('.kpi-visually-hidden')?.textContent?.trim(),
  };
}

describe('KpiValueComponent', () => {
  it('formats the value with its unit (percent ratios as %)', async () => {
    const { number } = await render(csat, 0.8734, null);
    expect(number).toBe('87.3 %');
  });

  it('shows a green up arrow when a higher-is-better KPI rises', async () => {
    const { host, arrow, spoken } = await render(csat, 0.88, 0.85);
    expect(arrow?.textContent?.trim()).toBe('▲');
    expect(arrow?.classList).toContain('kpi-value__arrow--good');
    expect(host.getAttribute('data-trend')).toBe('up');
    expect(host.getAttribute('data-tone')).toBe('good');
    expect(spoken).toBe('(up from 85.0 %, better)');
  });

  it('shows a red up arrow when a lower-is-better KPI rises', async () => {
    const { host, arrow, spoken } = await render(asa, 42, 30);
    expect(arrow?.textContent?.trim()).toBe('▲');
    expect(arrow?.classList).toContain('kpi-value__arrow--bad');
    expect(host.getAttribute('data-tone')).toBe('bad');
    expect(spoken).toBe('(up from 30 s, worse)');
  });

  it('shows a green down arrow when a lower-is-better KPI falls', async () => {
    const { arrow } = await render(asa, 20, 30);
    expect(arrow?.textContent?.trim()).toBe('▼');
    expect(arrow?.classList).toContain('kpi-value__arrow--good');
  });

  it('keeps band KPIs neutral whichever way they move', async () => {
    const { host, arrow } = await render(occupancy, 0.95, 0.88);
    expect(arrow?.textContent?.trim()).toBe('▲');
    expect(arrow?.classList).toContain('kpi-value__arrow--neutral');
    expect(host.getAttribute('data-tone')).toBe('neutral');
  });

  it('shows no arrow without a previous value, and a dash without a value', async () => {
    const withoutPrevious = await render(csat, 0.9, null);
    expect(withoutPrevious.arrow).toBeNull();
    expect(withoutPrevious.host.getAttribute('data-trend')).toBe('none');

    const withoutValue = await render(csat, null, 0.9);
    expect(withoutValue.number).toBe('–');
    expect(withoutValue.arrow).toBeNull();
  });

  it('updates when its inputs change', async () => {
    const fixture = TestBed.createComponent(KpiValueComponent);
    fixture.componentRef.setInput('kpi', csat);
    fixture.componentRef.setInput('value', 0.9);
    fixture.componentRef.setInput('previousValue', 0.8);
    await fixture.whenStable();
    expect(fixture.nativeElement.getAttribute('data-tone')).toBe('good');

    fixture.componentRef.setInput('value', 0.7);
    await fixture.whenStable();
    expect(fixture.nativeElement.getAttribute('data-tone')).toBe('bad');
    expect(fixture.nativeElement.querySelector('.kpi-value__number').textContent.trim()).toBe('70.0 %');
  });
});
