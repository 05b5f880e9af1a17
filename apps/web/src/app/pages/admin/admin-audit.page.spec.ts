import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuditEntryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { AdminAuditPage } from './admin-audit.page';

const entry = (id: number, actorLabel: string): AuditEntryDto => ({
  id,
  at: `2026-11-2${id}T10:00:00Z`,
  actorUserId: null,
  actorApiKeyId: null,
  actorLabel,
  action: 'provider.view',
  outcome: 'success',
  resourceType: 'provider',
  resourceId: 'p-1',
  providerId: 'p-1',
  providerName: 'Norte',
  before: null,
  after: null,
  details: null,
  ip: '10.0.0.1',
  userAgent: null,
  hash: 'x',
});

describe('AdminAuditPage', () => {
  it('searches with the filters in the URL, keeps a new search in the URL, and sorts the page', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'admin/audit', component: AdminAuditPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/admin/audit?action=provider.&offset=100');
    const fixture = TestBed.createComponent(AdminAuditPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush([]);
    const search = backend.expectOne((r) => r.url === '/api/admin/audit');
    expect(search.request.params.get('action')).toBe('provider.');
    expect(search.request.params.get('offset')).toBe('100');
    search.flush({ total: 150, entries: [entry(1, 'b@demo.mx'), entry(2, 'a@demo.mx')] });
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector<HTMLInputElement>('[data-testid="audit-action"]')?.value).toBe('provider.');
    expect(page.textContent).toContain('101–150 of 150');
    const actors = () => Array.from(page.querySelectorAll('[data-testid="audit-row"] th')).map((cell) => cell.textContent?.trim());
    page.querySelector<HTMLButtonElement>('[data-testid="sort-who"]')!.click();
    await fixture.whenStable();
    expect(actors()).toEqual(['a@demo.mx', 'b@demo.mx']);

    const actor = page.querySelector<HTMLInputElement>('[data-testid="audit-actor"]')!;
    actor.value = 'maria';
    actor.dispatchEvent(new Event('change'));
    page.querySelector<HTMLButtonElement>('[data-testid="audit-search"]')!.click();
    await fixture.whenStable();
    const next = backend.expectOne((r) => r.url === '/api/admin/audit');
    expect(next.request.params.get('actor')).toBe('maria');
    expect(next.request.params.get('offset')).toBe('0');
    next.flush({ total: 0, entries: [] });
    await fixture.whenStable();
    expect(router.url).toBe('/admin/audit?action=provider.&actor=maria');
    expect(page.textContent).toContain('No matching records');
    backend.verify();
  });
});
