import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API_PREFIX, type OrgView } from '@floorwatch/contracts';

export type OrgSiteView = OrgView['sites'][number];

/**
 * GET /org, cached for the session: names for ids, the drill hierarchy and site time zones.
 * Loaded once; `reload()` after an org feed is ingested.
 */
@Injectable({ providedIn: 'root' })
export class OrgApi {
  private readonly http = inject(HttpClient);
  private readonly orgSig = signal<OrgView | null>(null);
  private readonly errorSig = signal<string | null>(null);
  private loading: Promise<OrgView | null> | null = null;

  readonly org = this.orgSig.asReadonly();
  readonly error = this.errorSig.asReadonly();
  /**
   * Real sites: the ingest's `unassigned` holding site (agents no org feed mapped yet) has no
   * floor to watch, so the desk and wallboard leave it out (admin → quarantine shows them).
   */
  readonly sites = computed(() => (this.orgSig()?.sites ?? []).filter((s) => s.id !== 'unassigned'));

  load(): Promise<OrgView | null> {
    this.loading ??= firstValueFrom(this.http.get<OrgView>(`${API_PREFIX}/org`))
      .then((org) => {
        this.orgSig.set(org);
        this.errorSig.set(null);
        return org;
      })
      .catch((e: unknown) => {
        this.errorSig.set(errorText(e));
        this.loading = null;
        return null;
      });
    return this.loading;
  }

  reload(): Promise<OrgView | null> {
    this.loading = null;
    return this.load();
  }

  clear(): void {
    this.orgSig.set(null);
    this.loading = null;
  }
}

/** Field names as a form labels them, for "agentId: is required…" from the API. */
const FIELD_LABELS: Record<string, string> = {
  agentId: 'Agent',
  teamIds: 'Teams',
  siteIds: 'Sites',
  toScope: 'Recipient',
  kpi: 'KPI',
  scope: 'Applies to',
  value: 'Target',
  amberBand: 'Amber band',
  username: 'Username',
  password: 'Password',
  roles: 'Roles',
  day: 'Day',
};

/** "agentId: is required for the agent role" → "Agent is required for the agent role". */
export function readableFieldMessage(text: string): string {
  return text.replace(/(^|; )([a-zA-Z]+): /g, (whole, sep: string, field: string) => (FIELD_LABELS[field] ? `${sep}${FIELD_LABELS[field]} ` : whole));
}

export function errorText(e: unknown): string {
  if (e && typeof e === 'object') {
    // The throttle's own text is an exception class name ("ThrottlerException: Too Many Requests").
    if ((e as { status?: number }).status === 429) return 'Too many requests. Wait a minute, then try again.';
    const body = (e as { error?: unknown }).error;
    if (body && typeof body === 'object' && 'message' in body) {
      const m = (body as { message: unknown }).message;
      return readableFieldMessage(Array.isArray(m) ? m.join('; ') : String(m));
    }
    if (typeof body === 'string' && body.length > 0 && body.length < 300) return body;
    const status = (e as { status?: number }).status;
    if (status === 0) return 'The server cannot be reached.';
    if (status === 403) return 'You do not have access to this view.';
    if (status) return `The server answered ${status}.`;
    if ('message' in e) return String((e as { message: unknown }).message);
  }
  return 'Something went wrong.';
}
