import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SortableTableView } from './sortable-table';

/**
 * The button inside a sortable column header: `<th [attr.aria-sort]="table.ariaSort('name')"><kpi-sort-header
 * [table]="table" column="name">Name</kpi-sort-header></th>`. The th carries aria-sort for screen readers.
 */
@Component({
  selector: 'kpi-sort-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="sort-header" [attr.data-testid]="'sort-' + column()" (click)="table().toggle(column(), preferDescending())">
      <ng-content />
      <span class="sort-header__icon" aria-hidden="true">{{ icon() }}</span>
    </button>
  `,
  styles: `
    :host { display: inline; }
    .sort-header { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.25rem; font-weight: inherit; }
    .sort-header:focus-visible { outline: 2px solid var(--kpi-color-primary, #1d4ed8); outline-offset: 2px; border-radius: 2px; }
    .sort-header__icon { font-size: 0.75em; opacity: 0.7; min-width: 0.75em; }
  `,
})
export class SortHeaderComponent {
  readonly table = input.required<SortableTableView>();
  readonly column = input.required<string>();
  /** Rank-like columns (scores, counts) read best sorted high to low first. */
  readonly preferDescending = input(false);

  protected readonly icon = computed(() => {
    const sort = this.table().sort();
    if (sort?.key !== this.column()) return '↕';
    return sort.direction === 'asc' ? '▲' : '▼';
  });
}
