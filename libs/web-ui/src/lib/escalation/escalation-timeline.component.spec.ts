import { TestBed } from '@angular/core/testing';
import { EscalationTimelineEntryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '../i18n/testing-i18n';
import { uiEn } from '../i18n/ui.en';
import { EscalationTimelineComponent } from './escalation-timeline.component';

const entries: EscalationTimelineEntryDto[] = [
  { id: '1', at: '2026-11-21T08:00:00Z', action: 'opened', actorName: 'System', actorRole: 'system', fromStatus: null, toStatus: 'open', level: 1, text: 'AHT up 12 %', data: null },
  { id: '2', at: '2026-11-21T09:00:00Z', action: 'acknowledge', actorName: 'Luis', actorRole: 'provider', fromStatus: 'open', toStatus: 'acknowledged', level: 1, text: null, data: null },
  { id: '3', at: '2026-11-21T10:00:00Z', action: 'propose_action_plan', actorName: 'Luis', actorRole: 'provider', fromStatus: null, toStatus: null, level: 1, text: 'Coach new hires', data: null },
];

describe('EscalationTimelineComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideTranslationsForTests({ en: { ui: uiEn } })] }));

  it('lists who did what, the status change and the text, oldest first', () => {
    const fixture = TestBed.createComponent(EscalationTimelineComponent);
    fixture.componentRef.setInput('entries', entries);
    fixture.detectChanges();
    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="timeline-entry"]'));
    expect(items.map((li) => li.getAttribute('data-action'))).toEqual(['opened', 'acknowledge', 'propose_action_plan']);
    expect(items[1].textContent).toContain('Luis acknowledged');
    expect(items[1].textContent).toContain('Open → Acknowledged');
    expect(items[2].querySelector('[data-testid="timeline-text"]')?.textContent).toBe('Coach new hires');
    expect(items[0].classList).toContain('timeline__entry--system');
  });
});
