import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortfolioHeatmapCellDto, PortfolioOverviewDto } from '@kpi/contracts';
import { provideTranslationsForTests, Translator } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { PortfolioPage } from './portfolio.page';

function cell(overrides: Partial<PortfolioHeatmapCellDto> & Pick<PortfolioHeatmapCellDto, 'kpiCode'>): PortfolioHeatmapCellDto {
  return {
    value: null,
    previousValue: null,
    from: '2025-03-25',
    to: '2025-03-31',
    trend: null,
    trendJudgement: 'neutral',
    badness: null,
    status: 'no_data',
    hasServiceLevel: false,
    serviceLevel: null,
    ...overrides,
  };
}

const overview: PortfolioOverviewDto = {
  kpiCodes: ['service_level', 'aht'],
  heatmap: [
    {
      providerId: 'p-1',
      providerCode: 'NORTE',
      providerName: 'Norte Contact',
      lastDataDate: '2025-03-31',
      staleFeeds: [],
      cells: [
        cell({
          kpiCode: 'service_level',
          value: 0.8234,
          previousValue: 0.8,
          trend: 'up',
          trendJudgement: 'good',
          badness: 0,
          status: 'met',
          hasServiceLevel: true,
          serviceLevel: {
            serviceLevelId: 'sl-1',
            name: 'Voice 80/20',
            scopeLabel: 'Monterrey · voice',
            periodLabel: '2025-03',
            value: 0.81,
            target: 0.8,
            minimum: 0.75,
          },
        }),
        cell({ kpiCode: 'aht', value: 330, previousValue: 300, trend: 'up', trendJudgement: 'bad', badness: 0.1 }),
      ],
    },
    {
      providerId: 'p-2',
      providerCode: 'PACIFICO',
      providerName: 'Pacífico BPO',
      lastDataDate: '2025-03-31',
      staleFeeds: [],
      cells: [
        cell({
          kpiCode: 'service_level',
          value: 0.74,
          previousValue: 0.84,
          trend: 'down',
          trendJudgement: 'bad',
          badness: 0.119,
          status: 'breached',
          hasServiceLevel: true,
          serviceLevel: {
            serviceLevelId: 'sl-2',
            name: 'Voice 80/20 – Guadalajara',
            scopeLabel: 'Guadalajara · voice',
            periodLabel: '2025-03',
            value: 0.73,
            target: 0.8,
            minimum: 0.75,
          },
        }),
        cell({ kpiCode: 'aht' }),
      ],
    },
  ],
  counts: { openEscalations: 4, openDriftEvents: 7, staleFeeds: 1 },
  ranking: {
    from: '2025-02',
    to: '2025-02',
    previousFrom: '2025-01',
    previousTo: '2025-01',
    providers: [
      { providerId: 'p-1', providerCode: 'NORTE', providerName: 'Norte Contact', score: 81.24, rank: 1, previousScore: 79.04, previousRank: 2, scoreChange: 2.2 },
      { providerId: 'p-2', providerCode: 'PACIFICO', providerName: 'Pacífico BPO', score: 70, rank: 2, previousScore: 80, previousRank: 1, scoreChange: -10 },
    ],
  },
  worstChanges: [
    { providerId: 'p-2', providerCode: 'PACIFICO', providerName: 'Pacífico BPO', kpiCode: 'service_level', value: 0.74, previousValue: 0.84, badness: 0.119, status: 'breached' },
    { providerId: 'p-1', providerCode: 'NORTE', providerName: 'Norte Contact', kpiCode: 'aht', value: 330, previousValue: 300, badness: 0.1, status: 'no_data' },
  ],
};

describe('PortfolioPage', () => {
  let fixture: ComponentFixture<PortfolioPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PortfolioPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx })],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PortfolioPage);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const heatmapCell = (provider: string, kpi: string) => page().querySelector<HTMLElement>(`[data-testid="heatmap-cell-${provider}-${kpi}"]`);
  const cellTexts = (selector: string) =>
    Array.from(page().querySelectorAll<HTMLElement>(selector)).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((el) => el.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
    );
  const texts = (selector: string) => Array.from(page().querySelectorAll<HTMLElement>(selector)).map((el) => el.textContent?.replace(/\s+/g, ' ').trim());

  async function respond(body: PortfolioOverviewDto | null, status = 200): Promise<void> {
    backend.expectOne('/api/kpis').flush([]);
    const request = backend.expectOne('/api/portfolio/overview');
    if (status === 200) request.flush(body);
    else request.flush({ message: 'Database unavailable' }, { status, statusText: 'Error' });
    await fixture.whenStable();
  }

  it('shows a loading state until the overview arrives', async () => {
    expect(page().querySelector('[data-testid="loading"]')?.textContent).toContain('Loading your providers');
    await respond(overview);
    expect(page().querySelector('[data-testid="loading"]')).toBeNull();
  });

  it('renders the heatmap: one row per provider linking to it, one cell per KPI with status text, value, unit and trend', async () => {
    await respond(overview);

    const rows = Array.from(page().querySelectorAll<HTMLElement>('[data-testid="portfolio-provider-row"]'));
    expect(rows.map((row) => row.getAttribute('data-provider-code'))).toEqual(['NORTE', 'PACIFICO']);
    expect(rows[0].querySelector('[data-testid="provider-link"]')?.getAttribute('href')).toBe('/providers/p-1');
    expect(rows[0].textContent).toContain('31 Mar 2025');
    expect(texts('[data-testid="portfolio-heatmap"] thead th')).toEqual(['Provider', 'Service level', 'Average handle time']);
    expect(page().querySelector('[data-testid="heatmap-kpi-aht"]')?.getAttribute('href')).toBe('/kpis/aht');

    const breached = heatmapCell('PACIFICO', 'service_level');
    expect(breached?.getAttribute('data-status')).toBe('breached');
    expect(breached?.classList).toContain('heatmap-status--breached');
    expect(breached?.textContent).toContain('Breached');
    expect(breached?.textContent).toContain('74.0 %');
    expect(breached?.textContent).toContain('▼');
    expect(breached?.textContent).toContain('down from 84.0 %, worse');
    const link = breached?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/providers/p-2?kpi=service_level');
    expect(link?.getAttribute('title')).toBe('Target 80.0 %, minimum 75.0 % (Voice 80/20 – Guadalajara · Guadalajara · voice, Mar 2025: 73.0 %)');
    expect(link?.getAttribute('aria-label')).toBe('Service level at Pacífico BPO: Breached, 74.0 %');

    expect(heatmapCell('NORTE', 'service_level')?.getAttribute('data-status')).toBe('met');
    expect(heatmapCell('NORTE', 'aht')?.textContent).toContain('330 s');
    expect(heatmapCell('NORTE', 'aht')?.querySelector('.heatmap__arrow--bad')?.textContent).toBe('▲');
    expect(heatmapCell('NORTE', 'aht')?.querySelector('a')?.getAttribute('title')).toBe('No service level');
    expect(heatmapCell('PACIFICO', 'aht')?.getAttribute('data-status')).toBe('no_data');
    expect(heatmapCell('PACIFICO', 'aht')?.textContent).toContain('No data');
  });

  it('shows the counts as links to the escalations, drift and ingestion pages', async () => {
    await respond(overview);
    const tile = (id: string) => page().querySelector<HTMLAnchorElement>(`[data-testid="${id}"]`);
    expect(tile('count-escalations')?.textContent).toContain('4');
    expect(tile('count-escalations')?.textContent).toContain('Open escalations');
    expect(tile('count-escalations')?.getAttribute('href')).toBe('/escalations');
    expect(tile('count-drift')?.getAttribute('data-count')).toBe('7');
    expect(tile('count-drift')?.getAttribute('href')).toBe('/drift');
    expect(tile('count-stale-feeds')?.getAttribute('href')).toBe('/ingestion');
  });

  it('ranks scorecards with the change against the period before, sortable', async () => {
    await respond(overview);
    const ranking = () => cellTexts('[data-testid="ranking-row"]');
    expect(ranking()).toEqual(['1 | Norte Contact | 81.2 | 79.0 | +2.2', '2 | Pacífico BPO | 70.0 | 80.0 | −10.0']);
    expect(page().textContent).toContain('Scorecards of Feb 2025 to Feb 2025, compared with Jan 2025 to Jan 2025.');

    const changeHeader = Array.from(page().querySelectorAll<HTMLElement>('[data-testid="scorecard-ranking"] thead th')).find((th) =>
      th.textContent?.includes('Change'),
    );
    changeHeader?.querySelector('button')?.click();
    await fixture.whenStable();
    expect(ranking()[0]).toContain('Norte Contact');
    changeHeader?.querySelector('button')?.click();
    await fixture.whenStable();
    expect(ranking()[0]).toContain('Pacífico BPO');
    expect(changeHeader?.getAttribute('aria-sort')).toBe('ascending');
    expect(page().querySelector('[data-testid="export-scorecard-ranking"]')).not.toBeNull();
  });

  it('lists the worst changes, largest first, with their SLA status and a CSV export', async () => {
    await respond(overview);
    expect(cellTexts('[data-testid="worst-change-row"]')).toEqual([
      'Pacífico BPO | Service level | 84.0 % | 74.0 % | 11.9 % | ✕ Breached',
      'Norte Contact | Average handle time | 300 s | 330 s | 10.0 % | – No data',
    ]);
    expect(page().querySelector('[data-testid="export-worst-changes"]')).not.toBeNull();
  });

  it('shows an empty state when the user has no providers', async () => {
    await respond({ ...overview, kpiCodes: [], heatmap: [], worstChanges: [], ranking: { ...overview.ranking, providers: [] } });
    expect(page().querySelector('[data-testid="portfolio-heatmap"]')).toBeNull();
    expect(page().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No providers to show');
  });

  it('shows the api error with a retry button', async () => {
    await respond(null, 503);
    const error = page().querySelector('[data-testid="error-panel"]');
    expect(error?.textContent).toContain('Database unavailable');

    error?.querySelector('button')?.click();
    backend.expectOne('/api/portfolio/overview').flush(overview);
    await fixture.whenStable();
    expect(heatmapCell('PACIFICO', 'service_level')).not.toBeNull();
  });

  it('reload() fetches the overview again and keeps the current one on screen meanwhile', async () => {
    await respond(overview);
    fixture.componentInstance.reload();
    await fixture.whenStable();
    expect(heatmapCell('PACIFICO', 'service_level')?.getAttribute('data-status')).toBe('breached');
    const updated: PortfolioOverviewDto = {
      ...overview,
      heatmap: [overview.heatmap[0], { ...overview.heatmap[1], cells: [{ ...overview.heatmap[1].cells[0], status: 'at_risk' }, overview.heatmap[1].cells[1]] }],
    };
    backend.expectOne('/api/portfolio/overview').flush(updated);
    await fixture.whenStable();
    expect(heatmapCell('PACIFICO', 'service_level')?.getAttribute('data-status')).toBe('at_risk');
  });

  it('speaks Mexican Spanish after a language switch', async () => {
    await respond(overview);
    await TestBed.inject(Translator).use('es-MX', 'es-MX');
    await fixture.whenStable();
    expect(page().querySelector('h1')?.textContent).toContain('Portafolio');
    expect(heatmapCell('PACIFICO', 'service_level')?.textContent).toContain('Incumplido');
    expect(page().querySelector('[data-testid="count-escalations"]')?.textContent).toContain('Escalamientos abiertos');
  });
});
