import { TestBed } from '@angular/core/testing';
import type { StaleFeedSummaryDto } from '@kpi/contracts';
import { lastDataAgo, StaleDataBadgeComponent } from './stale-data-badge.component';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('StaleDataBadgeComponent', () => {
  function render(feeds: StaleFeedSummaryDto[]): HTMLElement {
    const fixture = TestBed.createComponent(StaleDataBadgeComponent);
    fixture.componentRef.setInput('feeds', feeds);
    fixture.componentRef.setInput('now', NOW);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows "Stale data" with each stale feed name and how long ago its last data arrived', () => {
    const el = render([
      { feedId: 'a', name: 'Daily KPI pull', lastSuccessAt: '2026-11-21T07:00:00Z', expectedCadenceMinutes: 60 },
      { feedId: 'b', name: 'QA push', lastSuccessAt: null, expectedCadenceMinutes: 1440 },
    ]);
    const badge = el.querySelector('[data-testid="stale-data-badge"]');
    expect(badge?.textContent).toContain('Stale data');
    const feeds = Array.from(el.querySelectorAll('[data-testid="stale-data-feed"]')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(feeds).toEqual(['Daily KPI pull: last data 5 hours ago', 'QA push: no data received yet']);
  });

  it('renders nothing when no feed is stale', () => {
    expect(render([]).querySelector('[data-testid="stale-data-badge"]')).toBeNull();
  });
});

describe('lastDataAgo', () => {
  it.each([
    ['2026-11-21T11:59:00Z', 'last data 1 minute ago'],
    ['2026-11-21T11:00:00Z', 'last data 1 hour ago'],
    ['2026-11-20T13:00:00Z', 'last data 23 hours ago'],
    ['2026-11-19T12:00:00Z', 'last data 2 days ago'],
    [null, 'no data received yet'],
  ])('%s -> %s', (at, expected) => {
    expect(lastDataAgo(at, NOW)).toBe(expected);
  });
});
