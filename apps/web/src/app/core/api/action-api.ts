import { HttpClient, httpResource, type HttpResourceRef } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { API_PREFIX, type AlertInstance, type CorrectiveActionWithEffect } from '@floorwatch/contracts';

/** A corrective action with its measured effect, as GET /actions returns it (libs/contracts). */
export type ActionView = CorrectiveActionWithEffect;

export interface BonusView {
  agent: string;
  periodStart: string;
  periodEnd: string;
  target: number;
  periodToDate: number | null;
  requiredRestPct: number | null;
  bonusStatus: 'secured' | 'onTrack' | 'atRisk' | 'unreachable' | 'met' | 'missed';
}

export interface GapRowView {
  key: string;
  requiredAgents: number | null;
  requiredInHindsight: number | null;
  scheduledAgents: number;
  actualAgents: number;
  forecastErrorAgents: number | null;
  scheduleGap: number | null;
  attendanceGap: number;
  hindsightGap: number | null;
}

export interface ForecastAccuracyView {
  site: string;
  rows: { key: string; forecastVolume: number; actualVolume: number; volumeErrorPct: number | null; wapePct: number | null }[];
  gaps: GapRowView[];
}

/** Alerts, corrective actions, the bonus tracker and forecast accuracy (spec/action.md). */
@Injectable({ providedIn: 'root' })
export class ActionApi {
  private readonly http = inject(HttpClient);

  alerts(): Observable<AlertInstance[]> {
    return this.http.get<AlertInstance[]>(`${API_PREFIX}/alerts`, { params: { status: 'active' } });
  }
  acknowledge(id: string): Observable<AlertInstance> {
    return this.http.post<AlertInstance>(`${API_PREFIX}/alerts/${encodeURIComponent(id)}/acknowledge`, {});
  }
  resolve(id: string, note: string): Observable<AlertInstance> {
    return this.http.post<AlertInstance>(`${API_PREFIX}/alerts/${encodeURIComponent(id)}/resolve`, { note });
  }

  actions(scope: () => string | undefined): HttpResourceRef<ActionView[] | undefined> {
    return httpResource<ActionView[]>(() => {
      const s = scope();
      return s ? { url: `${API_PREFIX}/actions`, params: { scope: s } } : undefined;
    });
  }
  createAction(body: { kpi: string; scope: string; causeCode: string; description: string; dueAt: string; effectiveAt?: string }): Observable<ActionView> {
    return this.http.post<ActionView>(`${API_PREFIX}/actions`, body);
  }

  bonus(agent: () => string | undefined): HttpResourceRef<BonusView | undefined> {
    return httpResource<BonusView>(() => {
      const a = agent();
      return a ? { url: `${API_PREFIX}/bonus`, params: { agent: a } } : undefined;
    });
  }

  forecastAccuracy(q: () => { site: string; from: string; to: string } | undefined): HttpResourceRef<ForecastAccuracyView | undefined> {
    return httpResource<ForecastAccuracyView>(() => {
      const x = q();
      return x ? { url: `${API_PREFIX}/forecast-accuracy`, params: { ...x, by: 'interval' } } : undefined;
    });
  }
}
