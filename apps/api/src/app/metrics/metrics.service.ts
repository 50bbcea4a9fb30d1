import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one Prometheus registry. Ingest increments `ingestRecords` per record outcome
 * (`status` = accepted | duplicate | quarantined) so feed health shows next to HTTP latency.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'floorwatch_http_request_duration_seconds',
  help: 'HTTP request latency by route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const ingestRecords = new Counter({
  name: 'floorwatch_ingest_records_total',
  help: 'Feed records read by ingest, by feed format and outcome',
  labelNames: ['format', 'status'] as const,
  registers: [metricsRegistry],
});

@Injectable()
export class MetricsService {
  readonly registry = metricsRegistry;
  readonly httpRequestDuration = httpRequestDuration;
  readonly ingestRecords = ingestRecords;

  countIngest(format: string, status: 'accepted' | 'duplicate' | 'quarantined', n = 1): void {
    if (n > 0) ingestRecords.inc({ format, status }, n);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
  }
}
