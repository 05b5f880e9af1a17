import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { EscalationDetailDto } from '@kpi/contracts';
import { EscalationDetailStore } from './escalation-detail.store';
import { EscalationQueueStore } from './escalation-queue.store';

function detail(extra: Partial<EscalationDetailDto> = {}): EscalationDetailDto {
  return {
    id: 'e-1',
    reference: 'ESC-0001',
    providerId: 'p-1',
    providerCode: 'NORTE',
    providerName: 'Norte',
    kind: 'drift',
    severity: 'critical',
    title: 'AHT drift',
    status: 'open',
    level: 1,
    levelName: 'Account manager',
    maxLevel: 3,
    scope: { siteId: null, siteCity: null, serviceLine: null, queue: null, kpiCode: 'aht', feedId: null, label: 'AHT' },
    ownerUserId: null,
    ownerName: null,
    openedAt: '2026-11-21T08:00:00Z',
    ackDueAt: '2026-11-21T12:00:00Z',
    resolveDueAt: '2026-11-26T08:00:00Z',
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: '2026-11-21T08:00:00Z',
    overdue: false,
    overdueReason: null,
    summary: null,
    actionPlan: null,
    actionPlanDueDate: null,
    actionPlanProposedAt: null,
    actionPlanAgreedAt: null,
    rootCauseCategory: null,
    correctiveAction: null,
    linkedAlerts: [],
    timeline: [],
    levels: [],
    availableActions: ['acknowledge', 'comment'],
    ...extra,
  };
}

describe('EscalationDetailStore', () => {
  let store: EscalationDetailStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), EscalationDetailStore] });
    store = TestBed.inject(EscalationDetailStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('loads one escalation and knows what the user may do', () => {
    store.open('e-1');
    http.expectOne('/api/escalations/e-1').flush(detail());
    expect(store.escalation()?.reference).toBe('ESC-0001');
    expect(store.can().has('acknowledge')).toBe(true);
    expect(store.can().has('resolve')).toBe(false);
  });

  it('runs an action, one at a time, and shows the updated escalation', () => {
    store.open('e-1');
    http.expectOne('/api/escalations/e-1').flush(detail());
    let done = 0;
    store.run('acknowledge', (api, id) => api.acknowledge(id, {}), () => done++);
    expect(store.pending()).toBe('acknowledge');
    store.run('comment', (api, id) => api.comment(id, { text: 'ignored while busy' }));
    const request = http.expectOne('/api/escalations/e-1/acknowledge');
    expect(request.request.method).toBe('POST');
    request.flush(detail({ status: 'acknowledged', availableActions: ['propose_action_plan', 'comment'] }));
    expect(store.pending()).toBeNull();
    expect(store.escalation()?.status).toBe('acknowledged');
    expect(store.can().has('propose_action_plan')).toBe(true);
    expect(done).toBe(1);
  });

  it('keeps the api message of a refused action and treats 404 as not found', () => {
    store.open('e-1');
    http.expectOne('/api/escalations/e-1').flush(detail());
    store.run('agree', (api, id) => api.agreeActionPlan(id));
    http
      .expectOne('/api/escalations/e-1/action-plan/agree')
      .flush({ statusCode: 403, error: 'Forbidden', message: 'You may not agree the action plan of this escalation' }, { status: 403, statusText: 'Forbidden' });
    expect(store.actionError()?.message).toBe('You may not agree the action plan of this escalation');
    expect(store.escalation()?.status).toBe('open');

    store.open('e-2');
    http.expectOne('/api/escalations/e-2').flush({ statusCode: 404, error: 'Not Found', message: 'Escalation not found' }, { status: 404, statusText: 'Not Found' });
    expect(store.notFound()).toBe(true);
  });
});

describe('EscalationQueueStore', () => {
  it('sends the filters and drops empty ones', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), EscalationQueueStore] });
    const store = TestBed.inject(EscalationQueueStore);
    const http = TestBed.inject(HttpTestingController);
    store.load();
    const first = http.expectOne((r) => r.url === '/api/escalations');
    expect(first.request.params.get('status')).toBe('active');
    first.flush({ items: [], total: 0 });
    store.setFilters({ overdue: true, providerId: 'p-1', severity: 'high' });
    const second = http.expectOne((r) => r.url === '/api/escalations');
    expect(second.request.params.get('overdue')).toBe('true');
    expect(second.request.params.get('providerId')).toBe('p-1');
    second.flush({ items: [{ id: 'e-1', overdue: true }], total: 1 });
    expect(store.overdueCount()).toBe(1);
    store.setFilters({ overdue: undefined, providerId: '' });
    const third = http.expectOne((r) => r.url === '/api/escalations');
    expect(third.request.params.has('overdue')).toBe(false);
    expect(third.request.params.has('providerId')).toBe(false);
    expect(third.request.params.get('severity')).toBe('high');
    third.flush({ items: [], total: 0 });
    http.verify();
  });
});
