import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output, signal } from '@angular/core';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { Chart } from './chart';
import { statusBarOption } from './chart-options';
import { DataTable, type SortState, type SubRow } from './data-table';
import { csvFileName, downloadCsv, panelCsv } from './csv-export';
import { kpiLabel } from './format';
import { LoadState } from './load-state';

/** A grouped KPI result shown as a sortable table or as a status-coloured bar chart. */
@Component({
  selector: 'app-kpi-panel',
  imports: [DataTable, Chart, LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .tools { display: flex; gap: var(--fw-space-2); align-items: center; flex-wrap: wrap; }
  `,
  template: `
    <section class="fw-card" [attr.aria-label]="title()">
      <header class="fw-card-head">
        <h2>{{ title() }}</h2>
        <div class="tools">
          @if (mode() === 'chart') {
            <select class="fw-select" aria-label="KPI to chart" [value]="chartKpi()" (change)="pickKpi($event)">
              @for (c of columns(); track c) {
                <option [value]="c">{{ label(c) }}</option>
              }
            </select>
          }
          <button type="button" class="fw-btn sm" [disabled]="rows().length === 0" (click)="exportCsv()" [attr.aria-label]="'Download ' + title() + ' as CSV'">⤓ CSV</button>
          <div class="fw-segmented" role="group" aria-label="Show as">
            <button type="button" [attr.aria-pressed]="mode() === 'table'" (click)="mode.set('table')">Numbers</button>
            <button type="button" [attr.aria-pressed]="mode() === 'chart'" (click)="mode.set('chart')">Chart</button>
          </div>
        </div>
      </header>
      @if (error()) {
        <app-load-state kind="error" [message]="error()" (retry)="retry.emit()" />
      } @else if (loading() && rows().length === 0) {
        <app-load-state kind="loading" />
      } @else if (rows().length === 0) {
        <app-load-state kind="empty" [message]="emptyText()" />
      } @else if (mode() === 'table') {
        <app-data-table [rows]="rows()" [columns]="columns()" [keyHeader]="keyHeader()" [rowLabel]="rowLabel()"
          [drillable]="drillable()" [sparklines]="sparklines()" [initialSort]="initialSort()" [footer]="footer()" [footerLabel]="footerLabel()"
          [offKeys]="offKeys()" [naColumns]="naColumns()" [columnNotes]="columnNotes()" (drill)="drill.emit($event)"
          [expandable]="expandable()" [subRows]="subRows()" (expand)="expand.emit($event)" />
      } @else {
        <app-chart [options]="option()" [height]="chartHeight()" [summary]="label(chartKpi()) + ' ' + title() + '; the same figures are under Numbers'"
          (picked)="drillable() && drill.emit(rows()[$event].key)" />
      }
    </section>
  `,
})
export class KpiPanel {
  readonly title = input.required<string>();
  readonly rows = input<readonly KpiRowWithTargets[]>([]);
  readonly columns = input.required<readonly string[]>();
  readonly keyHeader = input('Name');
  readonly rowLabel = input<(key: string) => string>((k) => k);
  readonly drillable = input(false);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly emptyText = input('No data for this period.');
  readonly sparklines = input<Record<string, (number | null)[]> | null>(null);
  readonly initialSort = input<SortState | null>(null);
  readonly initialMode = input<'table' | 'chart'>('table');
  readonly chartHeight = input(280);
  /** A summary row under the others (team average), not sorted with them. */
  readonly footer = input<KpiRowWithTargets | null>(null);
  readonly footerLabel = input('Average');
  /** Rows of people not scheduled in the period: greyed "Off" rather than a row of "—". */
  readonly offKeys = input<readonly string[]>([]);
  /** Columns that do not apply to these rows (abandon rate below queue level): "n/a". */
  readonly naColumns = input<readonly string[]>([]);
  /** A note under a column header ("judged to 27 Nov"): the figures are not the period's own. */
  readonly columnNotes = input<Record<string, string | null>>({});
  /** Appended to the CSV file name (the period shown). */
  readonly csvSuffix = input('');
  /** Rows open onto a site breakdown (data-table `subRows`); `expand` asks for it. */
  readonly expandable = input(false);
  readonly subRows = input<Record<string, readonly SubRow[]> | null>(null);
  readonly drill = output<string>();
  readonly retry = output<void>();
  readonly expand = output<string>();

  protected readonly mode = linkedSignal(() => this.initialMode());
  private readonly pickedKpi = signal<string | null>(null);
  protected readonly chartKpi = computed(() => {
    const p = this.pickedKpi();
    return p && this.columns().includes(p) ? p : this.columns()[0];
  });
  protected readonly option = computed(() => statusBarOption(this.rows(), this.chartKpi(), this.rowLabel()));

  protected exportCsv(): void {
    const rows = this.footer() ? [...this.rows(), { ...this.footer()!, key: this.footerLabel() }] : this.rows();
    const label = this.rowLabel();
    downloadCsv(panelCsv(rows, this.columns(), this.keyHeader(), (k) => (k === this.footerLabel() ? k : label(k))), csvFileName(`${this.title()} ${this.csvSuffix()}`));
  }
  protected label(k: string): string {
    return kpiLabel(k);
  }
  protected pickKpi(e: Event): void {
    this.pickedKpi.set((e.target as HTMLSelectElement).value);
  }
}
