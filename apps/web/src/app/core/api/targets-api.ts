import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type ResolvedTarget, type SetTargetRequest } from '@floorwatch/contracts';

/** GET/PUT /targets — which target applies per KPI, and setting one (role-checked by the API). */
@Injectable({ providedIn: 'root' })
export class TargetsApi {
  private readonly http = inject(HttpClient);

  resource(scope: () => string | undefined): HttpResourceRef<ResolvedTarget[] | undefined> {
    return httpResource<ResolvedTarget[]>(() => {
      const s = scope();
      return s ? { url: `${API_PREFIX}/targets`, params: { scope: s } } : undefined;
    });
  }

  set(req: SetTargetRequest): Observable<ResolvedTarget> {
    return this.http.put<ResolvedTarget>(`${API_PREFIX}/targets`, req);
  }
}
