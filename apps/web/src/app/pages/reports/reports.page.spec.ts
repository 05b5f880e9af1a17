import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { recentQuarters } from '@kpi/web-data-access';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { ReportsPage } from './reports.page';

describe('ReportsPage', () => {
  it('opens on the provider and quarter in the URL and keeps a new choice in it', async () => {
    const quarters = recentQuarters(new Date().toISOString().slice(0, 10), 6);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'reports', component: ReportsPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await router.navigateByUrl(`/reports?providerId=p-1&quarter=${quarters[2]}`);
    const fixture = TestBed.createComponent(ReportsPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush([{ id: 'p-1', code: 'NORTE', name: 'Norte', sites: [], serviceLines: [], latest: [], lastDataDate: null }]);
    const commentary = backend.expectOne((r) => r.url === '/api/providers/p-1/quarterly-commentary');
    expect(commentary.request.params.get('quarter')).toBe(quarters[2]);
    commentary.flush({ commentary: '', actions: [] });
    backend.expectOne((r) => r.url === '/api/reports').flush({ items: [] });
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('No packs yet');
    const quarter = page.querySelector<HTMLSelectElement>('[data-testid="qbr-quarter"]')!;
    quarter.value = quarters[1];
    quarter.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(router.url).toBe('/reports?providerId=p-1');
    backend.match(() => true).forEach((request) => request.flush(request.request.url.endsWith('/reports') ? { items: [] } : { commentary: '', actions: [] }));
  });
});
