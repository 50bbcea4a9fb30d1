import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  ALERT_EVENTS,
  formatScope,
  ROLES,
  TARGET_KPIS,
  type AlertInstance,
  type AlertRule,
  type AlertStatus,
  type Me,
  type Scope,
} from '@floorwatch/contracts';
import { PER_DAY_TARGET_KPIS } from '@floorwatch/kpi';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { enforce } from '../auth/authorize';
import { mayManageAlertRule, mayRead } from '../auth/permissions';
import { badRequest } from '../common/validation';
import { KpiQueryService } from '../kpi/kpi-query.service';
import { StaffingService } from '../kpi/staffing.service';
import type { IndexedOrg } from '../org/org-lookup';
import { requireKnownScope } from '../org/scope-exists';
import { RecordStore } from '../database/record-store';
import { TargetsService } from '../targets/targets.service';
import { isRecipient, isUnder, mayResolve, scopeOf } from './alert-audience';
import { AlertDelivery } from './alert-delivery';
import { AlertStore } from './alert-store';
import { AlertValues } from './alert-values';
import type { createRuleSchema, patchRuleSchema } from './alerts.dto';

const EACH_BELOW: Record<Scope['kind'], readonly string[]> = {
  enterprise: ['site', 'team', 'agent'],
  site: ['team', 'agent'],
  team: ['agent'],
  agent: [],
  queue: [],
};

/** Rule checks the schema cannot make: 400 naming the field. */
export function checkRuleShape(kpi: string, scope: Scope, each: string | null, condition: AlertRule['condition']): void {
  if (each && !EACH_BELOW[scope.kind].includes(each)) throw badRequest('each', `a ${scope.kind} has no ${each} under it`);
  if (kpi === 'staffingGap' && !(scope.kind === 'site' && !each) && !(scope.kind === 'enterprise' && each === 'site')) {
    throw badRequest('scope', 'staffingGap is per site: scope site:<id>, or enterprise with each site');
  }
  if ('status' in condition) {
    if (!(TARGET_KPIS as readonly string[]).includes(kpi)) throw badRequest('condition', `${kpi} has no targets: use a threshold {op, value}`);
    if ((PER_DAY_TARGET_KPIS as readonly string[]).includes(kpi)) {
      throw badRequest('condition', `status conditions on the per-day count ${kpi} are not supported yet: use a threshold {op, value}`);
    }
  }
}

/** Alert rules and instances: CRUD, lifecycle and who sees what (permissions.ts). */
@Injectable()
export class AlertsService {
  readonly store: AlertStore;
  readonly values: AlertValues;

  constructor(
    db: DataSource,
    readonly records: RecordStore,
    kpis: KpiQueryService,
    staffing: StaffingService,
    targets: TargetsService,
    private readonly delivery: AlertDelivery,
  ) {
    this.store = new AlertStore(db);
    this.values = new AlertValues(kpis, staffing, targets);
  }

  /** The data clock: the latest event ingested (hand actions and the evaluator share it). */
  async now(): Promise<number> {
    return (await this.records.latestEventTime()) ?? Date.now();
  }

  async listRules(user: Me, org: IndexedOrg): Promise<AlertRule[]> {
    return (await this.store.rules()).filter((r) => mayRead(user, scopeOf(r.scope), org).ok);
  }

  async createRule(user: Me, req: z.output<typeof createRuleSchema>, org: IndexedOrg): Promise<AlertRule> {
    enforce(mayManageAlertRule(user, req.scope, req.kpi, org));
    requireKnownScope(req.scope, org);
    const each = req.each ?? null;
    checkRuleShape(req.kpi, req.scope, each, req.condition);
    return this.store.insertRule({
      name: req.name,
      kpi: req.kpi,
      scope: formatScope(req.scope),
      each,
      condition: req.condition,
      window: req.window,
      sustainMinutes: req.sustainMinutes ?? 10,
      clearMinutes: req.clearMinutes ?? 15,
      audience: req.audience ?? [...ROLES],
      enabled: req.enabled ?? true,
      createdBy: user.username,
    });
  }

  private async ownRule(user: Me, id: string, org: IndexedOrg): Promise<AlertRule> {
    const rule = await this.store.rule(id);
    if (!rule || !mayRead(user, scopeOf(rule.scope), org).ok) throw new NotFoundException(`no alert rule ${id}`);
    enforce(mayManageAlertRule(user, scopeOf(rule.scope), rule.kpi, org));
    return rule;
  }

  async patchRule(user: Me, id: string, req: z.output<typeof patchRuleSchema>, org: IndexedOrg): Promise<AlertRule> {
    const rule = await this.ownRule(user, id, org);
    const next: AlertRule = { ...rule, ...Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) };
    checkRuleShape(next.kpi, scopeOf(next.scope), next.each, next.condition);
    const saved = await this.store.updateRule(next);
    if (rule.enabled && !saved.enabled) await this.resolveAllOf(saved, user.username, 'rule disabled');
    return saved;
  }

  async deleteRule(user: Me, id: string, org: IndexedOrg): Promise<void> {
    const rule = await this.ownRule(user, id, org);
    await this.resolveAllOf(rule, user.username, 'rule deleted');
    await this.store.deleteRule(id);
  }

  private async resolveAllOf(rule: AlertRule, by: string, note: string): Promise<void> {
    const at = await this.now();
    for (const inst of (await this.store.active(rule.id)).values()) {
      const done = await this.store.resolve(inst.id, by, at, note);
      if (done) await this.delivery.send(ALERT_EVENTS.resolved, done, rule, at);
    }
  }

  /** Instances the user receives, under `scope` when given (403 when that scope is not theirs). */
  async list(user: Me, org: IndexedOrg, filter: { scope?: Scope; status?: AlertStatus | 'active' }): Promise<AlertInstance[]> {
    if (filter.scope) enforce(mayRead(user, filter.scope, org));
    const rules = new Map((await this.store.rules()).map((r) => [r.id, r]));
    const status: AlertStatus[] | undefined = filter.status === 'active' ? ['open', 'acknowledged'] : filter.status ? [filter.status] : undefined;
    const rows = await this.store.instances({ status, limit: 2000 });
    return rows.filter(
      (i) => isRecipient(user, rules.get(i.ruleId), i.scope, org) && (!filter.scope || isUnder(scopeOf(i.scope), filter.scope, org)),
    );
  }

  async acknowledge(user: Me, id: string, note: string | null, org: IndexedOrg): Promise<AlertInstance> {
    const { inst, rule } = await this.visible(user, id, org);
    if (inst.status !== 'open') throw new ConflictException(`alert ${id} is ${inst.status}`);
    const at = await this.now();
    const done = await this.store.acknowledge(id, user.username, at, note);
    if (!done) throw new ConflictException(`alert ${id} is no longer open`);
    await this.delivery.send(ALERT_EVENTS.acknowledged, done, rule, at);
    return done;
  }

  async resolve(user: Me, id: string, note: string, org: IndexedOrg): Promise<AlertInstance> {
    const { inst, rule } = await this.visible(user, id, org);
    if (!mayResolve(user, rule, inst.scope, org)) throw new ForbiddenException(`${user.username} may acknowledge alert ${id}, not resolve it`);
    if (inst.status === 'resolved') throw new ConflictException(`alert ${id} is already resolved`);
    const at = await this.now();
    const done = await this.store.resolve(id, user.username, at, note);
    if (!done) throw new ConflictException(`alert ${id} is already resolved`);
    // The evaluator needs a fresh breach run, starting after this resolve, before opening again.
    const states = await this.store.states(inst.ruleId);
    const s = states.get(inst.scope) ?? { breachSince: null, clearSince: null, lastResolvedAt: null };
    await this.store.saveState(inst.ruleId, inst.scope, { ...s, lastResolvedAt: at });
    await this.delivery.send(ALERT_EVENTS.resolved, done, rule, at);
    return done;
  }

  /** Someone else's alert is "not found": its existence is not theirs to know. */
  private async visible(user: Me, id: string, org: IndexedOrg): Promise<{ inst: AlertInstance; rule: AlertRule }> {
    const inst = /^[0-9a-f-]{36}$/i.test(id) ? await this.store.instance(id) : null;
    const rule = inst ? await this.store.rule(inst.ruleId) : null;
    if (!inst || !rule || !isRecipient(user, rule, inst.scope, org)) throw new NotFoundException(`no alert ${id}`);
    return { inst, rule };
  }
}
