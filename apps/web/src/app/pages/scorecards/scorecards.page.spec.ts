import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { ScorecardsPage } from './scorecards.page';

const provider = (rank: number, code: string, score: number | null, qa: number | null) => ({
  providerId: code.toLowerCase(),
  providerCode: code,
  providerName: code,
  rank,
  tieBrokenBy: null,
  score,
  components: [
    { key: 'sla_attainment', score: 90 },
    { key: 'qa_score', score: qa },
  ],
  notes: [],
});

async function render(language: string) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx }, language)],
  });
  const fixture = TestBed.createComponent(ScorecardsPage);
  await fixture.whenStable();
  TestBed.inject(HttpTestingController)
    .expectOne((r) => r.url.startsWith('/api/scorecards'))
    .flush({
      from: '2026-10-01',
      to: '2026-10-01',
      weights: { sla_attainment: 40, qa_score: 30, escalation_responsiveness: 15, data_timeliness: 15, updatedBy: null, updatedAt: null },
      providers: [provider(1, 'NORTE', 88, 70), provider(2, 'ALTI', 75, 95)],
    });
  await fixture.whenStable();
  const page = fixture.nativeElement as HTMLElement;
  const codes = () => Array.from(page.querySelectorAll<HTMLElement>('[data-testid="ranking-row"]')).map((row) => row.dataset['providerCode']);
  return { fixture, page, codes };
}

describe('ScorecardsPage', () => {
  it('ranks providers and re-sorts them by one component', async () => {
    const { fixture, page, codes } = await render('en');
    expect(codes()).toEqual(['NORTE', 'ALTI']);
    expect(page.textContent).toContain('n/a');
    page.querySelector<HTMLButtonElement>('[data-testid="sort-qa_score"]')!.click();
    await fixture.whenStable();
    expect(codes()).toEqual(['ALTI', 'NORTE']);
    expect(page.querySelector('[data-testid="export-scorecards"]')).not.toBeNull();
  });

  it('names the components in Spanish', async () => {
    const { page } = await render('es-MX');
    expect(page.querySelector('[data-testid="scorecard-ranking"] thead')?.textContent).toContain('Calificación de calidad');
    expect(page.textContent).toContain('n/d');
  });
});
