import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type StaffingResult } from '@floorwatch/contracts';

export interface StaffingQuery {
  site: string;
  from: string;
  to: string;
}

/** GET /staffing — required vs scheduled vs actual agents per 15-minute interval. */
@Injectable({ providedIn: 'root' })
export class StaffingApi {
  private readonly http = inject(HttpClient);

  resource(query: () => StaffingQuery | undefined): HttpResourceRef<StaffingResult | undefined> {
    return httpResource<StaffingResult>(() => {
      const q = query();
      return q ? { url: `${API_PREFIX}/staffing`, params: { ...q } } : undefined;
    });
  }

  get(q: StaffingQuery): Observable<StaffingResult> {
    return this.http.get<StaffingResult>(`${API_PREFIX}/staffing`, { params: { ...q } });
  }
}
