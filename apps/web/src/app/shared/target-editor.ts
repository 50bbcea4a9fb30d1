import { safe } from './kpi-helpers';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { TARGET_KPIS, type TargetDirection, type TargetKpi } from '@floorwatch/contracts';
import { TargetsApi } from '../core/api/targets-api';
import { errorText } from '../core/api/org-api';
import { defaultDirection, formatKpi, formatTargetSetting, kpiLabel, targetBasis } from './format';

export interface ScopeOption {
  scope: string;
  label: string;
}

/** Shows the targets that apply to a scope and sets one (the API checks the role may). */
@Component({
  selector: 'app-target-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `.src { color: var(--fw-text-faint); }`,
  template: `
    <form class="fw-form" (submit)="save($event)">
      <div class="fw-form-row">
        <label class="fw-field"><span>Applies to</span>
          <select class="fw-select" [value]="scope()" (change)="scope.set(v($event))">
            @for (o of scopes(); track o.scope) { <option [value]="o.scope">{{ o.label }}</option> }
          </select></label>
        <label class="fw-field"><span>KPI</span>
          <select class="fw-select" [value]="kpi()" (change)="pickKpi(v($event))">
            @for (k of kpis(); track k) { <option [value]="k">{{ label(k) }}</option> }
          </select></label>
        <label class="fw-field"><span>Better when</span>
          <select class="fw-select" [value]="direction()" (change)="direction.set($any(v($event)))">
            <option value="higher">higher (≥)</option><option value="lower">lower (≤)</option>
          </select></label>
        <label class="fw-field"><span>Target{{ basis() ? ' (' + basis() + ')' : '' }}</span>
          <input class="fw-input" type="number" step="any" required [value]="value()" (input)="value.set(v($event))" style="width: 7rem" /></label>
        <label class="fw-field"><span>Amber band</span>
          <input class="fw-input" type="number" step="any" min="0" placeholder="5 %" [value]="band()" (input)="band.set(v($event))" style="width: 6rem" /></label>
        <button class="fw-btn primary" type="submit" [disabled]="busy() || value() === ''">Set target</button>
      </div>
      @if (error()) { <span class="fw-error-text" role="alert">{{ error() }}</span> }
      @if (saved()) { <span class="fw-ok-text" role="status">✓ {{ saved() }}</span> }
    </form>
    <table class="fw-table" style="margin-top: var(--fw-space-3)">
      <thead><tr><th>KPI</th><th class="num">Target</th><th>Set on</th></tr></thead>
      <tbody>
        @for (t of current(); track t.kpi) {
          <tr><td>{{ label(t.kpi) }}</td><td class="num">{{ targetText(t.kpi, t.value, t.direction) }}</td>
            <td class="src">{{ t.source === 'default' ? 'default' : t.source }}</td></tr>
        } @empty {
          <tr><td colspan="3" class="fw-muted">{{ res.isLoading() ? 'Loading…' : 'No targets' }}</td></tr>
        }
      </tbody>
    </table>
  `,
})
export class TargetEditor {
  private readonly api = inject(TargetsApi);
  readonly scopes = input.required<readonly ScopeOption[]>();
  readonly kpis = input<readonly TargetKpi[]>(TARGET_KPIS.filter((k) => k !== 'staffingGap'));
  protected readonly scope = linkedSignal(() => this.scopes()[0]?.scope ?? '');
  protected readonly kpi = linkedSignal<TargetKpi>(() => this.kpis()[0]);
  protected readonly direction = linkedSignal<TargetDirection>(() => defaultDirection(this.kpi()));
  protected readonly value = signal('');
  protected readonly band = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  protected readonly res = this.api.resource(() => this.scope() || undefined);
  /** "per day" when the KPI picked is a per-working-day target. */
  protected readonly basis = computed(() => targetBasis(this.kpi()));
  protected readonly current = computed(() => (safe(this.res) ?? []).filter((t) => this.kpis().includes(t.kpi)));

  protected v(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }
  protected label(k: string): string {
    return kpiLabel(k);
  }
  protected targetText(k: string, value: number, d: TargetDirection): string {
    return formatTargetSetting(k, value, d);
  }
  protected pickKpi(k: string): void {
    this.kpi.set(k as TargetKpi);
    const cur = this.current().find((t) => t.kpi === k);
    this.value.set(cur ? String(cur.value) : '');
  }
  protected save(e: Event): void {
    e.preventDefault();
    const value = Number(this.value());
    const band = this.band().trim() === '' ? null : Number(this.band());
    if (!Number.isFinite(value) || (band !== null && (!Number.isFinite(band) || band < 0))) {
      this.error.set('Target and amber band must be numbers (band ≥ 0).');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.saved.set(null);
    this.api.set({ kpi: this.kpi(), scope: this.scope(), value, direction: this.direction(), amberBand: band }).subscribe({
      next: (t) => {
        this.busy.set(false);
        const basis = targetBasis(t.kpi);
        this.saved.set(`${kpiLabel(t.kpi)} target is now ${formatKpi(t.kpi, t.value)}${basis ? ` ${basis}` : ''}.`);
        this.res.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorText(err));
      },
    });
  }
}
