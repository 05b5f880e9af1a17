import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { IngestionRunDto, ProviderSummaryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { IngestionPage } from './ingestion.page';

const provider = (id: string, name: string): ProviderSummaryDto => ({ id, code: id.toUpperCase(), name, sites: [], serviceLines: [], latest: [], lastDataDate: null });

const run = (id: string, received: number, status: IngestionRunDto['status']): IngestionRunDto => ({
  id: `${id}0000000-run`,
  providerId: 'p-2',
  feedId: 'f-1',
  feedName: 'File uploads',
  trigger: 'upload',
  connector: 'file_upload',
  status,
  fileName: null,
  windowFrom: null,
  windowTo: null,
  startedAt: `2026-11-2${id}T10:00:00Z`,
  finishedAt: null,
  counts: { received, inserted: received, updated: 0, unchanged: 0, rejected: 0 },
  attempt: 1,
  error: null,
  errorCount: 0,
  warnings: [],
} as IngestionRunDto);

describe('IngestionPage', () => {
  it('opens on the provider named in the URL and sorts its runs', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'ingestion', component: IngestionPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/ingestion?providerId=p-2');
    const fixture = TestBed.createComponent(IngestionPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush([provider('p-1', 'Norte'), provider('p-2', 'Pacífico')]);
    await fixture.whenStable();

    backend.expectOne((r) => r.url === '/api/ingestion/feeds' && r.params.get('providerId') === 'p-2').flush([]);
    backend.expectOne((r) => r.url === '/api/ingestion/runs' && r.params.get('providerId') === 'p-2').flush([run('1', 5, 'succeeded'), run('2', 40, 'partial')]);
    backend.expectOne('/api/ingestion/providers/p-2/restatements').flush([]);
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector<HTMLSelectElement>('[data-testid="ingestion-provider"]')?.value).toBe('p-2');
    const statuses = () => Array.from(page.querySelectorAll('[data-testid="run-status"]')).map((cell) => cell.textContent?.trim());
    expect(statuses()).toEqual(['succeeded', 'partial']);
    page.querySelector<HTMLButtonElement>('[data-testid="sort-received"]')!.click();
    await fixture.whenStable();
    expect(statuses()).toEqual(['partial', 'succeeded']);
    expect(page.textContent).toContain('No feeds');

    const select = page.querySelector<HTMLSelectElement>('[data-testid="ingestion-provider"]')!;
    select.value = 'p-1';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(router.url).toBe('/ingestion?providerId=p-1');
    backend.expectOne((r) => r.url === '/api/ingestion/feeds' && r.params.get('providerId') === 'p-1').flush([]);
    backend.expectOne((r) => r.url === '/api/ingestion/runs').flush([]);
    backend.expectOne('/api/ingestion/providers/p-1/restatements').flush([]);
    backend.verify();
  });
});
