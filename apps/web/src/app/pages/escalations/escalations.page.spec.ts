import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { EscalationSummaryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { EscalationsPage } from './escalations.page';

const escalation = (id: string, severity: EscalationSummaryDto['severity'], overdue: boolean): EscalationSummaryDto => ({
  id,
  reference: `ESC-${id}`,
  providerId: 'p-1',
  providerCode: 'NORTE',
  providerName: 'Norte Contact',
  kind: 'drift',
  severity,
  title: 'AHT drift at Monterrey',
  status: 'open',
  level: 1,
  levelName: null,
  maxLevel: 3,
  scope: { siteId: null, siteCity: 'Monterrey', serviceLine: 'voice', queue: null, kpiCode: 'aht', feedId: null, label: 'AHT · Monterrey · voice' },
  ownerUserId: null,
  ownerName: null,
  openedAt: '2026-11-20T08:00:00Z',
  ackDueAt: overdue ? '2026-11-20T09:00:00Z' : '2099-01-01T00:00:00Z',
  resolveDueAt: null,
  acknowledgedAt: null,
  resolvedAt: null,
  closedAt: null,
  updatedAt: '2026-11-20T08:00:00Z',
  overdue,
  overdueReason: overdue ? 'acknowledge' : null,
} as EscalationSummaryDto);

describe('EscalationsPage', () => {
  let fixture: ComponentFixture<EscalationsPage>;
  let backend: HttpTestingController;
  let router: Router;

  async function open(url: string): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'escalations', component: EscalationsPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl(url);
    fixture = TestBed.createComponent(EscalationsPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush([]);
    backend.expectOne('/api/escalations/responsiveness').flush([]);
  }

  afterEach(() => backend.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const listRequest = () => backend.expectOne((r) => r.url === '/api/escalations');
  const ids = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="escalation-row"]')).map((row) => row.dataset['escalationId']);

  it('shows the queue overdue first, and sorts it by severity', async () => {
    await open('/escalations');
    const request = listRequest();
    expect(request.request.params.get('status')).toBe('active');
    request.flush({ items: [escalation('1', 'low', true), escalation('2', 'critical', false)], total: 2 });
    await fixture.whenStable();

    expect(ids()).toEqual(['1', '2']);
    expect(page().querySelector('[data-testid="queue-count"]')?.textContent).toContain('2 escalations, 1 overdue');
    expect(page().textContent).toContain('overdue');

    page().querySelector<HTMLButtonElement>('[data-testid="sort-severity"]')!.click();
    await fixture.whenStable();
    expect(ids()).toEqual(['2', '1']);
    expect(page().querySelector('[data-testid="export-escalations"]')).not.toBeNull();
  });

  it('keeps the filters in the URL and restores them from it', async () => {
    await open('/escalations?status=all&severity=high&overdue=true');
    const request = listRequest();
    expect(request.request.params.get('status')).toBe('all');
    expect(request.request.params.get('severity')).toBe('high');
    expect(request.request.params.get('overdue')).toBe('true');
    request.flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(page().querySelector<HTMLInputElement>('[data-testid="filter-overdue"]')?.checked).toBe(true);
    expect(page().textContent).toContain('No escalations here');

    const overdue = page().querySelector<HTMLInputElement>('[data-testid="filter-overdue"]')!;
    overdue.checked = false;
    overdue.dispatchEvent(new Event('change'));
    listRequest().flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(router.url).toBe('/escalations?status=all&severity=high');
  });
});
