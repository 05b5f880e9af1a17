import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { EscalationTimelineEntryDto } from '@kpi/contracts';
import { formatDateTime } from '../format/date-format';
import { Translate } from '../i18n/translate';
import { Translator } from '../i18n/translator.service';
import { describeTimelineEntry, escalationStatusLabel } from './escalation-labels';

/** Who did what when: the escalation's timeline, oldest first. */
@Component({
  selector: 'kpi-escalation-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="timeline" data-testid="escalation-timeline">
      @for (entry of rows(); track entry.id) {
        <li class="timeline__entry" data-testid="timeline-entry" [attr.data-action]="entry.action" [class.timeline__entry--system]="entry.system">
          <div class="timeline__head">
            <span class="timeline__what">{{ entry.summary }}</span>
            @if (entry.statusChange) {
              <span class="timeline__status">{{ entry.statusChange }}</span>
            }
            <time class="timeline__when" [attr.datetime]="entry.at">{{ entry.when }}</time>
          </div>
          @if (entry.text) {
            <p class="timeline__text" data-testid="timeline-text">{{ entry.text }}</p>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0 0 0 1rem;
      border-left: 2px solid var(--kpi-color-border, #d9e2ec);
    }
    .timeline__entry {
      position: relative;
      padding: 0 0 1rem 0.75rem;
    }
    .timeline__entry::before {
      content: '';
      position: absolute;
      left: -1.4rem;
      top: 0.35rem;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: var(--kpi-color-primary, #1d4ed8);
      border: 2px solid #fff;
    }
    .timeline__entry--system::before {
      background: var(--kpi-color-muted, #52606d);
    }
    .timeline__head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: baseline;
    }
    .timeline__what {
      font-weight: 600;
    }
    .timeline__status {
      font-size: 0.85rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .timeline__when {
      font-size: 0.85rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .timeline__text {
      margin: 0.25rem 0 0;
      white-space: pre-line;
      line-height: 1.5;
    }
  `,
})
export class EscalationTimelineComponent {
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);
  readonly entries = input.required<readonly EscalationTimelineEntryDto[]>();

  protected readonly rows = computed(() =>
    this.entries().map((entry) => ({
      id: entry.id,
      action: entry.action,
      at: entry.at,
      system: entry.actorRole === 'system',
      summary: describeTimelineEntry(entry, this.t),
      statusChange:
        entry.toStatus && entry.fromStatus
          ? `${escalationStatusLabel(entry.fromStatus, this.t)} → ${escalationStatusLabel(entry.toStatus, this.t)}`
          : null,
      when: formatDateTime(entry.at),
      text: entry.text,
    })),
  );
}
