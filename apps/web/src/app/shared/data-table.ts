import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { KpiRowWithTargets } from '@floorwatch/contracts';
import { formatKpi, kpiLabel } from './format';
import { statusInfo } from './status';
import { StatusBadge } from './status-badge';
import { Sparkline } from './sparkline';

export type SortDir = 'asc' | 'desc';
/** A breakdown row under an expandable row (a reason's sites). */
export interface SubRow {
  key: string;
  label: string;
  row: KpiRowWithTargets;
}
export interface SortState {
  column: string;
  dir: SortDir;
}

/** Sort rows by a KPI (or by the row label with column "key"); nulls always last. */
export function sortRows(rows: readonly KpiRowWithTargets[], sort: SortState | null, labelOf: (key: string) => string): KpiRowWithTargets[] {
  if (!sort) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.column === 'key') return sign * labelOf(a.key).localeCompare(labelOf(b.key), undefined, { numeric: true });
    const av = (a.kpis as Record<string, number | null>)[sort.column] ?? null;
    const bv = (b.kpis as Record<string, number | null>)[sort.column] ?? null;
    if (av === null && bv === null) return 0;
    if (av === null) return 1;
    if (bv === null) return -1;
    return sign * (av - bv);
  });
}

/** KPI rows by group: sortable columns, cells coloured by the API's status, optional trend. */
@Component({
  selector: 'app-data-table',
  imports: [StatusBadge, Sparkline],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './data-table.scss',
  template: `
    <div class="wrap">
      <table class="fw-table">
        <thead>
          <tr>
            <th scope="col" [attr.aria-sort]="ariaSort('key')">
              <button type="button" (click)="toggle('key')">{{ keyHeader() }} {{ arrow('key') }}</button>
            </th>
            @for (c of columns(); track c) {
              <th scope="col" class="num" [attr.aria-sort]="ariaSort(c)">
                <button type="button" (click)="toggle(c)">{{ label(c) }} {{ arrow(c) }}</button>
                @if (columnNotes()[c]; as note) { <span class="col-note">{{ note }}</span> }
              </th>
            }
            @if (sparklines()) {
              <th scope="col">{{ sparkHeader() }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (r of sorted(); track r.key) {
            @if (isOff(r.key)) {
              <tr class="off" [class.clickable]="drillable()" (click)="drillable() && drill.emit(r.key)"
                (keydown.enter)="drillable() && drill.emit(r.key)" [attr.tabindex]="drillable() ? 0 : null">
                <th scope="row">{{ rowLabel()(r.key) }}</th>
                <td [attr.colspan]="columns().length + (sparklines() ? 1 : 0)" class="fw-muted">Off — not scheduled in this period</td>
              </tr>
            } @else {
            <tr [class.clickable]="drillable()" (click)="drillable() && drill.emit(r.key)"
              (keydown.enter)="drillable() && drill.emit(r.key)" [attr.tabindex]="drillable() ? 0 : null">
              <th scope="row">
                @if (expandable()) {
                  <button type="button" class="expander" [attr.aria-expanded]="isOpen(r.key)" [attr.aria-label]="(isOpen(r.key) ? 'Hide ' : 'Show ') + expandLabel() + ' of ' + rowLabel()(r.key)"
                    (click)="toggleOpen(r.key); $event.stopPropagation()"><span aria-hidden="true">{{ isOpen(r.key) ? '▾' : '▸' }}</span></button>
                }
                {{ rowLabel()(r.key) }}@if (drillable()) {<span class="chev" aria-hidden="true">›</span>}</th>
              @for (c of columns(); track c) {
                <td class="num cell" [class]="cellClass(r, c)">
                  <span class="v">{{ value(r, c) }}</span>
                  @if (status(r, c) !== 'none') {
                    <app-status-badge [status]="status(r, c)" [iconOnly]="true" />
                  }
                </td>
              }
              @if (sparklines()) {
                <td><app-sparkline [values]="sparklines()?.[r.key] ?? []" /></td>
              }
            </tr>
            @if (isOpen(r.key)) {
              @for (sub of subRows()?.[r.key] ?? []; track sub.key) {
                <tr class="sub">
                  <th scope="row">{{ sub.label }}</th>
                  @for (c of columns(); track c) {
                    <td class="num cell" [class]="cellClass(sub.row, c)">
                      <span class="v">{{ value(sub.row, c) }}</span>
                      @if (status(sub.row, c) !== 'none') {
                        <app-status-badge [status]="status(sub.row, c)" [iconOnly]="true" />
                      }
                    </td>
                  }
                  @if (sparklines()) { <td></td> }
                </tr>
              } @empty {
                <tr class="sub"><td [attr.colspan]="columns().length + 1 + (sparklines() ? 1 : 0)" class="fw-muted">{{ subRows() ? 'No ' + expandLabel() + ' with figures.' : 'Loading ' + expandLabel() + '…' }}</td></tr>
              }
            }
            }
          } @empty {
            <tr><td [attr.colspan]="columns().length + 2" class="fw-muted">No rows for this period.</td></tr>
          }
        </tbody>
        @if (footer(); as f) {
          <tfoot>
            <tr class="foot">
              <th scope="row">{{ footerLabel() }}</th>
              @for (c of columns(); track c) {
                <td class="num">{{ value(f, c) }}</td>
              }
              @if (sparklines()) { <td></td> }
            </tr>
          </tfoot>
        }
      </table>
    </div>
  `,
})
export class DataTable {
  readonly rows = input<readonly KpiRowWithTargets[]>([]);
  readonly columns = input<readonly string[]>([]);
  readonly keyHeader = input('Name');
  readonly rowLabel = input<(key: string) => string>((k) => k);
  readonly drillable = input(false);
  readonly sparklines = input<Record<string, (number | null)[]> | null>(null);
  readonly sparkHeader = input('Trend');
  readonly initialSort = input<SortState | null>(null);
  readonly footer = input<KpiRowWithTargets | null>(null);
  readonly footerLabel = input('Average');
  readonly offKeys = input<readonly string[]>([]);
  readonly naColumns = input<readonly string[]>([]);
  readonly columnNotes = input<Record<string, string | null>>({});
  /** Rows open onto a breakdown (`subRows[key]`), e.g. a reason's sites; `expand` asks for it. */
  readonly expandable = input(false);
  readonly expandLabel = input('sites');
  readonly subRows = input<Record<string, readonly SubRow[]> | null>(null);
  readonly drill = output<string>();
  readonly expand = output<string>();

  private readonly open = signal<ReadonlySet<string>>(new Set());
  protected isOpen(key: string): boolean {
    return this.expandable() && this.open().has(key);
  }
  protected toggleOpen(key: string): void {
    const next = new Set(this.open());
    if (next.has(key)) next.delete(key);
    else {
      next.add(key);
      this.expand.emit(key);
    }
    this.open.set(next);
  }

  private readonly sortSig = signal<SortState | null>(null);
  protected readonly sort = computed(() => this.sortSig() ?? this.initialSort());
  /** Off rows sort last, whatever the column: they have no figures to sort by. */
  protected readonly sorted = computed(() => {
    const off = new Set(this.offKeys());
    const all = sortRows(this.rows(), this.sort(), this.rowLabel());
    return [...all.filter((r) => !off.has(r.key)), ...all.filter((r) => off.has(r.key))];
  });
  protected isOff(key: string): boolean {
    return this.offKeys().includes(key);
  }

  protected toggle(column: string): void {
    const s = this.sort();
    this.sortSig.set(s?.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: column === 'key' ? 'asc' : 'desc' });
  }
  protected arrow(column: string): string {
    const s = this.sort();
    return s?.column === column ? (s.dir === 'asc' ? '▲' : '▼') : '';
  }
  protected ariaSort(column: string): 'ascending' | 'descending' | 'none' {
    const s = this.sort();
    return s?.column === column ? (s.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  }
  protected label(c: string): string {
    return kpiLabel(c);
  }
  protected value(r: KpiRowWithTargets, c: string): string {
    if (this.naColumns().includes(c)) return 'n/a';
    const v = (r.kpis as Record<string, number | null>)[c] ?? null;
    // A noted column (FCR "judged to 27 Nov") was looked for in its fallback too: nothing is "No data".
    if (v === null && this.columnNotes()[c]) return 'No data';
    return formatKpi(c, v);
  }
  protected status(r: KpiRowWithTargets, c: string) {
    if (this.naColumns().includes(c)) return 'none';
    return statusInfo((r.targets as Record<string, { status: string } | undefined>)[c]?.status).status;
  }
  protected cellClass(r: KpiRowWithTargets, c: string): string {
    return `num cell ${statusInfo(this.status(r, c)).cssClass}`;
  }
}
