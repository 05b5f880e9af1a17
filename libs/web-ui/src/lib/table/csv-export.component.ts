import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { csvFileName, toCsvText } from './csv-file';
import { SortableTableView } from './sortable-table';

/** "Export CSV" for a table: downloads exactly the rows shown, in the order shown. */
@Component({
  selector: 'kpi-csv-export',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <button
      type="button"
      class="btn btn--secondary btn--small"
      [attr.data-testid]="testId()"
      [attr.aria-label]="'ui.exportCsvOf' | transloco: { table: label() }"
      [disabled]="table().rows().length === 0"
      (click)="download()"
    >
      {{ 'ui.exportCsv' | transloco }}
    </button>
  `,
})
export class CsvExportComponent {
  private readonly document = inject(DOCUMENT);

  readonly table = input.required<SortableTableView>();
  /** What the table is, for the file name and the button's accessible name. */
  readonly label = input.required<string>();
  readonly testId = input('export-csv');

  protected download(): void {
    const blob = new Blob([toCsvText(this.table().toRecords())], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = csvFileName(this.label(), new Date());
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
