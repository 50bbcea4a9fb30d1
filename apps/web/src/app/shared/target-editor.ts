import { safe } from './kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { TARGET_KPIS, type ResolvedTarget, type TargetDirection, type TargetKpi } from '@floorwatch/contracts';
import { OrgApi, errorText } from '../core/api/org-api';
import { TargetsApi } from '../core/api/targets-api';
import { scopeLabel } from '../core/drill';
import { defaultDirection, formatKpi, formatTargetSetting, kpiLabel, kpiUnit, targetBasis } from './format';
import { formatDateTime } from './time';

export interface ScopeOption {
  scope: string;
  label: string;
}

/** The unit a target is typed in: durations in minutes or seconds, said beside the field. */
export type EntryUnit = 'min' | 's' | '%' | '';

export function entryUnits(kpi: string): EntryUnit[] {
  const u = kpiUnit(kpi);
  if (u === 'seconds') return ['min', 's'];
  if (u === 'pct') return ['%'];
  return [''];
}

/** Typed value → the API's unit (seconds for durations). */
export function toApiValue(text: string, unit: EntryUnit): number | null {
  const n = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(n)) return null;
  return unit === 'min' ? n * 60 : n;
}

/** Shows the targets that apply to a scope and sets one (the API checks the role may). */
@Component({
  selector: 'app-target-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .src { color: var(--fw-text-faint); }
    .unit { align-self: end; padding-bottom: 8px; }
    .confirm { display: flex; flex-wrap: wrap; gap: var(--fw-space-2); align-items: center; background: var(--fw-surface-2); padding: var(--fw-space-3); border-radius: var(--fw-radius-sm); margin-top: var(--fw-space-2); }
  `,
  template: `
    <form class="fw-form" (submit)="review($event)">
      <div class="fw-form-row">
        <label class="fw-field"><span>Applies to</span>
          <select class="fw-select" name="scope" (change)="scope.set(v($event)); pending.set(null)">
            @for (o of scopes(); track o.scope) { <option [value]="o.scope" [selected]="o.scope === scope()">{{ o.label }}</option> }
          </select></label>
        <label class="fw-field"><span>KPI</span>
          <select class="fw-select" name="kpi" (change)="pickKpi(v($event))">
            @for (k of kpis(); track k) { <option [value]="k" [selected]="k === kpi()">{{ label(k) }}</option> }
          </select></label>
        <label class="fw-field"><span>Better when</span>
          <select class="fw-select" name="direction" (change)="direction.set($any(v($event)))">
            <option value="higher" [selected]="direction() === 'higher'">higher (≥)</option><option value="lower" [selected]="direction() === 'lower'">lower (≤)</option>
          </select></label>
        <label class="fw-field"><span>Target{{ basis() ? ' (' + basis() + ')' : '' }}</span>
          <input class="fw-input" name="value" type="number" step="any" required [value]="value()" (input)="value.set(v($event)); pending.set(null)" style="width: 7rem" /></label>
        @if (units().length > 1) {
          <label class="fw-field"><span>Unit</span>
            <select class="fw-select" name="unit" (change)="unit.set($any(v($event))); pending.set(null)">
              @for (u of units(); track u) { <option [value]="u" [selected]="u === unit()">{{ u === 'min' ? 'minutes' : 'seconds' }}</option> }
            </select></label>
        } @else if (unit()) {
          <span class="unit fw-small">{{ unit() }}</span>
        }
        <label class="fw-field"><span>Amber band ({{ unitName() }})</span>
          <input class="fw-input" name="band" type="number" step="any" min="0" placeholder="5 % of target" [value]="band()" (input)="band.set(v($event)); pending.set(null)" style="width: 7rem" /></label>
        <button class="fw-btn primary" type="submit" [disabled]="busy() || value() === ''">Review</button>
      </div>
      @if (pending(); as p) {
        <div class="confirm" role="group" aria-label="Confirm the target">
          <span>Set <strong>{{ label(p.kpi) }}</strong> for <strong>{{ scopeName(p.scope) }}</strong> to <strong>{{ settingText(p.kpi, p.value, p.direction) }}</strong>
            (now {{ currentText(p.kpi) }})?</span>
          <button type="button" class="fw-btn primary sm" (click)="save()">Confirm</button>
          <button type="button" class="fw-btn sm" (click)="pending.set(null)">Cancel</button>
        </div>
      }
      @if (error()) { <span class="fw-error-text" role="alert">{{ error() }}</span> }
      @if (saved()) { <span class="fw-ok-text" role="status">✓ {{ saved() }}</span> }
    </form>
    <div class="fw-scroll-x">
      <table class="fw-table" style="margin-top: var(--fw-space-3)">
        <thead><tr><th>KPI</th><th class="num">Target</th><th>Set on</th><th><span class="fw-visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          @for (t of current(); track t.kpi) {
            <tr><td>{{ label(t.kpi) }}</td><td class="num">{{ settingText(t.kpi, t.value, t.direction) }}</td>
              <td class="src">{{ sourceText(t) }}</td>
              <td>@if (t.source === t.scope) {
                <button type="button" class="fw-btn sm ghost" [disabled]="busy()" (click)="reset(t)">Reset to inherited</button>
              }</td></tr>
          } @empty {
            <tr><td colspan="4" class="fw-muted">{{ res.isLoading() ? 'Loading…' : 'No targets' }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    <details class="audit">
      <summary>Changes to {{ scopeName(scope()) }}'s targets</summary>
      <div class="fw-scroll-x"><table class="fw-table">
        <thead><tr><th>When</th><th>Who</th><th>KPI</th><th class="num">From</th><th class="num">To</th></tr></thead>
        <tbody>
          @for (a of auditRows(); track a.id) {
            <tr><td>{{ when(a.changedAt) }}</td><td>{{ a.changedBy }}</td><td>{{ label(a.kpi) }}</td>
              <td class="num">{{ a.oldValue === null ? 'inherited' : fmt(a.kpi, a.oldValue) }}</td><td class="num">{{ a.newValue === null ? 'inherited' : fmt(a.kpi, a.newValue) }}</td></tr>
          } @empty {
            <tr><td colspan="5" class="fw-muted">No changes recorded.</td></tr>
          }
        </tbody>
      </table></div>
    </details>
  `,
})
export class TargetEditor {
  private readonly api = inject(TargetsApi);
  private readonly org = inject(OrgApi).org;
  readonly scopes = input.required<readonly ScopeOption[]>();
  readonly kpis = input<readonly TargetKpi[]>(TARGET_KPIS.filter((k) => k !== 'staffingGap'));
  protected readonly scope = linkedSignal(() => this.scopes()[0]?.scope ?? '');
  protected readonly kpi = linkedSignal<TargetKpi>(() => this.kpis()[0]);
  protected readonly direction = linkedSignal<TargetDirection>(() => defaultDirection(this.kpi()));
  protected readonly units = computed(() => entryUnits(this.kpi()));
  protected readonly unit = linkedSignal<EntryUnit>(() => this.units()[0]);
  protected readonly unitName = computed(() => ({ min: 'minutes', s: 'seconds', '%': 'points', '': 'count' })[this.unit()]);
  protected readonly value = signal('');
  protected readonly band = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  /** The change typed, waiting for "Confirm". */
  protected readonly pending = signal<{ kpi: TargetKpi; scope: string; value: number; direction: TargetDirection; amberBand: number | null } | null>(null);
  protected readonly res = this.api.resource(() => this.scope() || undefined);
  protected readonly auditRes = this.api.audit(() => this.scope() || undefined);
  protected readonly auditRows = computed(() => safe(this.auditRes) ?? []);
  /** "per day" when the KPI picked is a per-working-day target. */
  protected readonly basis = computed(() => targetBasis(this.kpi()));
  protected readonly current = computed(() => (safe(this.res) ?? []).filter((t) => this.kpis().includes(t.kpi)));

  protected v(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
  protected label(k: string): string {
    return kpiLabel(k);
  }
  protected fmt(k: string, value: number): string {
    return formatKpi(k, value);
  }
  protected settingText(k: string, value: number, d: TargetDirection): string {
    return formatTargetSetting(k, value, d);
  }
  protected currentText(k: string): string {
    const t = this.current().find((x) => x.kpi === k);
    return t ? `${formatTargetSetting(k, t.value, t.direction)}, ${this.sourceText(t)}` : 'no target';
  }
  protected scopeName(scope: string): string {
    return this.scopes().find((o) => o.scope === scope)?.label ?? scopeLabel(scope, this.org());
  }
  /** "London Voice 1 (this team)", "default" — never a raw "team:lon-t01". */
  protected sourceText(t: ResolvedTarget): string {
    if (t.source === 'default') return 'default';
    if (t.source === 'enterprise') return 'enterprise';
    const name = scopeLabel(t.source, this.org());
    return t.source === t.scope ? `${name} (set here)` : `${name} (inherited)`;
  }
  protected when(iso: string): string {
    return formatDateTime(iso, Intl.DateTimeFormat().resolvedOptions().timeZone);
  }
  protected pickKpi(k: string): void {
    this.kpi.set(k as TargetKpi);
    this.pending.set(null);
    const cur = this.current().find((t) => t.kpi === k);
    const unit = entryUnits(k)[0];
    this.value.set(cur ? String(unit === 'min' ? cur.value / 60 : cur.value) : '');
  }
  protected review(e: Event): void {
    e.preventDefault();
    const value = toApiValue(this.value(), this.unit());
    const band = this.band().trim() === '' ? null : toApiValue(this.band(), this.unit());
    if (value === null || (this.band().trim() !== '' && (band === null || band < 0))) {
      this.error.set('Target and amber band must be numbers (band ≥ 0).');
      return;
    }
    this.error.set(null);
    this.saved.set(null);
    this.pending.set({ kpi: this.kpi(), scope: this.scope(), value, direction: this.direction(), amberBand: band });
  }
  protected save(): void {
    const p = this.pending();
    if (!p) return;
    this.busy.set(true);
    this.api.set(p).subscribe({
      next: (t) => {
        this.busy.set(false);
        this.pending.set(null);
        this.saved.set(`${kpiLabel(t.kpi)} target for ${this.scopeName(p.scope)} is now ${formatTargetSetting(t.kpi, t.value, t.direction)}; the figures on this page are judged against it.`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
  protected reset(t: ResolvedTarget): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.reset(t.kpi, t.scope).subscribe({
      next: (now) => {
        this.busy.set(false);
        this.saved.set(`${kpiLabel(t.kpi)} for ${this.scopeName(t.scope)} now inherits ${now ? `${formatTargetSetting(now.kpi, now.value, now.direction)} (${this.sourceText(now)})` : 'no target'}.`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
}
