import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type DriversResult, type FeedbackItem, type HotlineCase, type HotlineSummary } from '@floorwatch/contracts';

/** customer.md endpoints: drivers, HOTLINE cases, the agent's feedback. */
@Injectable({ providedIn: 'root' })
export class CustomerApi {
  private readonly http = inject(HttpClient);

  drivers(q: () => { scope: string; from: string; to: string } | undefined): HttpResourceRef<DriversResult | undefined> {
    return httpResource<DriversResult>(() => {
      const v = q();
      return v ? { url: `${API_PREFIX}/drivers`, params: { outcome: 'csat', by: 'channelChain', ...v } } : undefined;
    });
  }

  cases(q: () => { scope?: string; state?: string } | undefined): HttpResourceRef<HotlineCase[] | undefined> {
    return httpResource<HotlineCase[]>(() => {
      const v = q();
      if (!v) return undefined;
      const params: Record<string, string> = {};
      if (v.scope) params['scope'] = v.scope;
      if (v.state) params['state'] = v.state;
      return { url: `${API_PREFIX}/hotline`, params };
    });
  }

  /** The backlog now (open / overdue, any month) and the period's raised / median close / within 48 h. */
  hotlineSummary(q: () => { scope: string; from: string; to: string } | undefined): HttpResourceRef<HotlineSummary | undefined> {
    return httpResource<HotlineSummary>(() => {
      const v = q();
      return v ? { url: `${API_PREFIX}/hotline/summary`, params: v } : undefined;
    });
  }

  feedback(q: () => { scope: string; from: string; to: string } | undefined): HttpResourceRef<FeedbackItem[] | undefined> {
    return httpResource<FeedbackItem[]>(() => {
      const v = q();
      return v ? { url: `${API_PREFIX}/feedback`, params: v } : undefined;
    });
  }

  transition(id: string, body: { to: string; action?: string; causeCode?: string; resolution?: string }): Observable<HotlineCase> {
    return this.http.post<HotlineCase>(`${API_PREFIX}/hotline/${id}/transition`, body);
  }
}
