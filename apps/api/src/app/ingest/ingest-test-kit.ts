/* Shared by the ingest specs (not part of the runtime API). */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IngestSummary } from '@floorwatch/contracts';
import type { TestDatabase } from '../../testing/test-database';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { OrgService } from '../org/org.service';
import { IngestEvents } from './ingest-events';
import { IngestService, type IngestOptions } from './ingest.service';

export const CENTRE_DIR = join(__dirname, 'fixtures', 'centre');
export const centreFile = (name: string): string => join(CENTRE_DIR, name);
export const centreText = (name: string): string => readFileSync(centreFile(name), 'utf8');

/** The same wiring Nest does, by hand: one OrgService shared by ingest and KPI queries. */
export function services(db: TestDatabase, store = db.store): { ingest: IngestService; kpis: KpiQueryService; orgs: OrgService; events: IngestEvents } {
  const orgs = new OrgService(db.dataSource);
  const events = new IngestEvents();
  return { ingest: new IngestService(store, orgs, events), kpis: new KpiQueryService(db.store, orgs), orgs, events };
}

export const textSource = (text: string): Readable => Readable.from([Buffer.from(text)]);

export function ingestText(svc: IngestService, format: string, text: string, options: Partial<IngestOptions> = {}): Promise<IngestSummary> {
  return svc.ingest(format, textSource(text), { source: options.source ?? `${format}.test`, ...options });
}

/** The whole hand-computed centre: org first, so the feeds map to its agents and queues. */
export async function ingestCentre(svc: IngestService): Promise<IngestSummary[]> {
  const out: IngestSummary[] = [];
  for (const [format, file] of [
    ['org', 'org.json'],
    ['wfm-schedule', 'schedule.csv'],
    ['queue_log', 'queue_log'],
    ['survey', 'survey.csv'],
  ] as const) {
    out.push(await svc.ingest(format, createReadStream(centreFile(file)), { source: file }));
  }
  return out;
}

export const DAY = { from: Date.parse('2024-06-10T00:00:00Z'), to: Date.parse('2024-06-11T00:00:00Z'), asOf: Date.parse('2024-06-20T00:00:00Z') };
