import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { API_PREFIX, type ResolvedTarget, type SetTargetRequest, type TargetAudit } from '@floorwatch/contracts';
import { TargetsVersion } from './targets-version';

/** GET/PUT /targets — which target applies per KPI, and setting one (role-checked by the API). */
@Injectable({ providedIn: 'root' })
export class TargetsApi {
  private readonly http = inject(HttpClient);
  private readonly version = inject(TargetsVersion);

  resource(scope: () => string | undefined): HttpResourceRef<ResolvedTarget[] | undefined> {
    return httpResource<ResolvedTarget[]>(() => {
      this.version.value();
      const s = scope();
      return s ? { url: `${API_PREFIX}/targets`, params: { scope: s } } : undefined;
    });
  }

  set(req: SetTargetRequest): Observable<ResolvedTarget> {
    return this.http.put<ResolvedTarget>(`${API_PREFIX}/targets`, req).pipe(tap(() => this.version.bump()));
  }

  /** Removes the scope's own target: the inherited one applies again. */
  reset(kpi: string, scope: string): Observable<ResolvedTarget | null> {
    return this.http.delete<ResolvedTarget | null>(`${API_PREFIX}/targets`, { params: { kpi, scope } }).pipe(tap(() => this.version.bump()));
  }

  audit(scope: () => string | undefined): HttpResourceRef<TargetAudit[] | undefined> {
    return httpResource<TargetAudit[]>(() => {
      this.version.value();
      const s = scope();
      return s ? { url: `${API_PREFIX}/targets/audit`, params: { scope: s, limit: 20 } } : undefined;
    });
  }
}
