import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ALERT_EVENTS } from '@floorwatch/contracts';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';
import { AlertDelivery } from './alert-delivery';
import { evaluateTick } from './alert-engine';
import { AlertsService } from './alerts.service';
import { EvaluatorLock } from './evaluator-lock';

export const LAST_TICK_KEY = 'alerts.lastTick';
/** A gap longer than this (a long stop) is skipped, not caught up minute by minute. */
const MAX_CATCH_UP_MS = 6 * 3600_000;

/**
 * Drives evaluation at every whole-minute tick (`alertTickSeconds`, ALERT_TICK_SECONDS) on the
 * data clock: tick t is evaluated once the latest event ingested has reached t, so "the data
 * ingested by t" is there and a replay of the same ticks on stored data sees the same figures.
 * Each tick is evaluated once (the last one is stored): late data changes KPIs, not instances.
 */
@Injectable()
export class AlertScheduler implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('AlertScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  readonly tickSeconds = Number(process.env['ALERT_TICK_SECONDS'] ?? 60) || 60;
  private readonly pollMs = Number(process.env['ALERT_POLL_MS'] ?? 5000) || 5000;
  /** Held across polls; lapses 30 s (or 3 polls) after its holder stops. */
  readonly lock = new EvaluatorLock(process.env['REDIS_URL'], Math.max(30_000, 3 * this.pollMs));

  constructor(
    private readonly store: RecordStore,
    private readonly alerts: AlertsService,
    private readonly delivery: AlertDelivery,
    private readonly orgs: OrgService,
  ) {}

  onModuleInit(): void {
    if (process.env['ALERTS_EVALUATE'] === '0') return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.lock.release();
  }

  /** Evaluates every tick due up to the latest event ingested (one run at a time). */
  poll(): Promise<void> {
    if (!this.running) {
      this.running = this.catchUp()
        .catch((e: unknown) => this.log.error(`alert evaluation failed: ${e instanceof Error ? e.stack : String(e)}`))
        .finally(() => (this.running = null));
    }
    return this.running;
  }

  /** Evaluates the ticks (last, upTo]; the first run starts at the latest whole tick. */
  async runUntil(upTo: number): Promise<number> {
    const step = this.tickSeconds * 1000;
    const due = Math.floor(upTo / step) * step;
    let last = await this.alerts.store.getSetting<number>(LAST_TICK_KEY);
    if (last === null || due - last > MAX_CATCH_UP_MS) last = due - step;
    let n = 0;
    for (let t = last + step; t <= due; t += step) {
      await this.evaluate(t);
      await this.alerts.store.putSetting(LAST_TICK_KEY, t);
      n += 1;
    }
    return n;
  }

  private async catchUp(): Promise<void> {
    if (!(await this.lock.acquire())) return;
    const latest = await this.store.latestEventTime();
    if (latest !== null) await this.runUntil(latest);
  }

  private async evaluate(t: number): Promise<void> {
    const org = await this.orgs.get();
    const rules = await this.alerts.store.rules();
    const changes = await evaluateTick(this.alerts.store, this.alerts.values, rules, t, org);
    for (const c of changes) {
      await this.delivery.send(c.type === 'opened' ? ALERT_EVENTS.opened : ALERT_EVENTS.resolved, c.instance, c.rule, c.at);
    }
  }
}
