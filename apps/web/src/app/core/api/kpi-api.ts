import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type GroupBy, type KpiApiResult } from '@floorwatch/contracts';
import { TargetsVersion } from './targets-version';

export interface KpiQuery {
  scope: string;
  from: string;
  to: string;
  by?: GroupBy | null;
  tz?: string | null;
}

export function kpiParams(q: KpiQuery): Record<string, string> {
  const p: Record<string, string> = { scope: q.scope, from: q.from, to: q.to };
  if (q.by) p['by'] = q.by;
  if (q.tz) p['tz'] = q.tz;
  return p;
}

/** GET /kpis — the only source of KPI numbers and their target status in the client. */
@Injectable({ providedIn: 'root' })
export class KpiApi {
  private readonly http = inject(HttpClient);
  private readonly targets = inject(TargetsVersion);

  /** Reactive: refetches whenever the query signal changes, or a target is set; undefined query = idle. */
  resource(query: () => KpiQuery | undefined): HttpResourceRef<KpiApiResult | undefined> {
    return httpResource<KpiApiResult>(() => {
      this.targets.value();
      const q = query();
      return q ? { url: `${API_PREFIX}/kpis`, params: kpiParams(q) } : undefined;
    });
  }

  get(q: KpiQuery): Observable<KpiApiResult> {
    return this.http.get<KpiApiResult>(`${API_PREFIX}/kpis`, { params: kpiParams(q) });
  }

  csvUrl(q: KpiQuery): string {
    return `${API_PREFIX}/kpis.csv?${new URLSearchParams(kpiParams(q)).toString()}`;
  }
}
