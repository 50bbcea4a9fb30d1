import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type CreateScheduleChangeRequest, type ScheduleChangeRequest } from '@floorwatch/contracts';

/** Schedule-change requests: agents create them, team leaders decide. */
@Injectable({ providedIn: 'root' })
export class ScheduleRequestsApi {
  private readonly http = inject(HttpClient);

  resource(): HttpResourceRef<ScheduleChangeRequest[] | undefined> {
    return httpResource<ScheduleChangeRequest[]>(() => `${API_PREFIX}/schedule-requests`);
  }

  create(req: CreateScheduleChangeRequest): Observable<ScheduleChangeRequest> {
    return this.http.post<ScheduleChangeRequest>(`${API_PREFIX}/schedule-requests`, req);
  }

  decide(id: string, decision: 'approved' | 'declined', note?: string): Observable<ScheduleChangeRequest> {
    return this.http.post<ScheduleChangeRequest>(
      `${API_PREFIX}/schedule-requests/${encodeURIComponent(id)}/decision`,
      note ? { decision, note } : { decision },
    );
  }
}
