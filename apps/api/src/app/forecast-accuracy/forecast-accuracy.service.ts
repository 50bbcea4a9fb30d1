import { Injectable } from '@nestjs/common';
import {
  bucketAt,
  DEFAULT_KPI_CONFIG,
  forecastAccuracy,
  forecastAccuracyBy,
  gapSplit,
  requiredInHindsight,
  slSecondsFor,
  summarizeGaps,
  type ForecastAccuracyRow,
  type ForecastActualCell,
  type GapSplit,
  type GapSummary,
  type HindsightQueue,
} from '@floorwatch/kpi';
import { RecordStore } from '../database/record-store';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { StaffingService } from '../kpi/staffing.service';
import type { IndexedOrg } from '../org/org-lookup';

export type ForecastAccuracyBy = 'interval' | 'day' | 'queue';

export interface GapRow extends GapSplit {
  key: string;
  requiredAgents: number | null;
  requiredInHindsight: number | null;
  scheduledAgents: number;
  actualAgents: number;
}

export interface ForecastAccuracyResult {
  site: string;
  from: string;
  to: string;
  asOf: string;
  by: ForecastAccuracyBy;
  rows: (ForecastAccuracyRow & { key: string })[];
  /** Per site interval: the staffing gap split into forecast error + schedule gap + attendance gap. */
  gaps: GapRow[];
  summary: GapSummary & { forecast: ForecastAccuracyRow };
}

interface ActualRow {
  interval_start: Date;
  queue_id: string;
  offered: number;
  handled: number;
  handle_seconds: number;
}

const iso = (t: number): string => new Date(t).toISOString();

/** Forecast accuracy and the staffing gap split of one site (spec/action.md), `fw forecast-accuracy`. */
@Injectable()
export class ForecastAccuracyService {
  constructor(
    private readonly store: RecordStore,
    private readonly staffing: StaffingService,
    private readonly kpis: KpiQueryService,
  ) {}

  async report(siteId: string, from: number, to: number, by: ForecastAccuracyBy, org: IndexedOrg, asOfGiven?: number): Promise<ForecastAccuracyResult> {
    const asOf = asOfGiven ?? (await this.store.latestEventTime()) ?? to;
    const tz = org.timezoneOfSite(siteId);
    const forecasts = await this.store.loadForecasts(siteId, from, to);
    const actualRows = await this.actuals(siteId, from, Math.min(to, asOf), asOf, org);
    const actual = new Map(actualRows.map((r) => [`${r.queue_id}@${new Date(r.interval_start).getTime()}`, r]));
    const cells: ForecastActualCell[] = forecasts.map((f) => {
      const a = actual.get(`${f.queueId}@${f.intervalStart}`);
      return {
        intervalStart: f.intervalStart,
        queueId: f.queueId,
        forecastVolume: f.volume,
        forecastAhtSeconds: f.ahtSeconds,
        actualVolume: a ? Number(a.offered) : 0,
        handled: a ? Number(a.handled) : 0,
        handleSeconds: a ? Number(a.handle_seconds) : 0,
      };
    });
    // Intervals not yet ended have no actual volume to judge the forecast by.
    const ended = cells.filter((c) => c.intervalStart + 900_000 <= asOf);
    const keyOf = (c: ForecastActualCell): string =>
      by === 'interval' ? iso(c.intervalStart) : by === 'day' ? bucketAt(c.intervalStart, 'day', tz).key : c.queueId;
    const rows = forecastAccuracyBy(ended, keyOf);

    const gaps = await this.gaps(siteId, from, to, asOf, forecasts, actualRows, org);
    const summary = { ...summarizeGaps(gaps), forecast: forecastAccuracy(ended) };
    return { site: siteId, from: iso(from), to: iso(to), asOf: iso(asOf), by, rows, gaps, summary };
  }

  /**
   * Offered, handled and handle seconds per queue × interval through the KPI service (rollups
   * where they are complete, raw records otherwise: the figures `fw kpi` gives).
   */
  private async actuals(siteId: string, from: number, to: number, asOf: number, org: IndexedOrg): Promise<ActualRow[]> {
    const out: ActualRow[] = [];
    if (!(to > from)) return out;
    for (const q of org.org.queues.filter((x) => x.siteId === siteId)) {
      const r = await this.kpis.query({ scope: { kind: 'queue', id: q.id }, from, to, by: 'interval', asOf });
      for (const row of r.rows) {
        const handled = row.kpis.handled ?? 0;
        const offered = row.kpis.offered ?? 0;
        if (offered === 0 && handled === 0) continue;
        out.push({ interval_start: new Date(row.key), queue_id: q.id, offered, handled, handle_seconds: handled * (row.kpis.ahtSeconds ?? 0) });
      }
    }
    return out;
  }

  private async gaps(
    siteId: string,
    from: number,
    to: number,
    asOf: number,
    forecasts: Awaited<ReturnType<RecordStore['loadForecasts']>>,
    actualRows: ActualRow[],
    org: IndexedOrg,
  ): Promise<GapRow[]> {
    const staffing = await this.staffing.staffing(siteId, from, to, org, asOf);
    const queues = new Map(org.org.queues.map((q) => [q.id, q]));
    const byInterval = new Map<number, Map<string, HindsightQueue>>();
    const slot = (t: number, queueId: string): HindsightQueue => {
      let m = byInterval.get(t);
      if (!m) byInterval.set(t, (m = new Map()));
      let q = m.get(queueId);
      if (!q) {
        const queue = queues.get(queueId);
        q = {
          actualVolume: 0,
          actualAhtSeconds: null,
          forecastAhtSeconds: null,
          slTargetPct: DEFAULT_KPI_CONFIG.staffingSlTargetPct,
          slSeconds: slSecondsFor(DEFAULT_KPI_CONFIG, queue?.channel ?? 'voice', queue, queueId),
        };
        m.set(queueId, q);
      }
      return q;
    };
    for (const f of forecasts) slot(f.intervalStart, f.queueId).forecastAhtSeconds = f.ahtSeconds;
    for (const a of actualRows) {
      if (!(Number(a.offered) > 0)) continue;
      const q = slot(new Date(a.interval_start).getTime(), a.queue_id);
      q.actualVolume = Number(a.offered);
      q.actualAhtSeconds = Number(a.handled) > 0 ? Number(a.handle_seconds) / Number(a.handled) : null;
    }
    return staffing.rows.map((r) => {
      const t = Date.parse(r.intervalStart);
      const hindsight = t + 900_000 <= asOf ? requiredInHindsight([...(byInterval.get(t)?.values() ?? [])]) : null;
      const row = { requiredAgents: r.requiredAgents, requiredInHindsight: hindsight, scheduledAgents: r.scheduledAgents, actualAgents: r.actualAgents };
      return { key: r.intervalStart, ...row, ...gapSplit(row) };
    });
  }
}
