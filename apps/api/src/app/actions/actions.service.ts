import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { formatScope, type Me, type Scope } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { enforce } from '../auth/authorize';
import { mayCreateAction, mayRead } from '../auth/permissions';
import { AlertsService } from '../alerts/alerts.service';
import { isUnder, scopeOf } from '../alerts/alert-audience';
import { badRequest } from '../common/validation';
import { RecordStore } from '../database/record-store';
import type { IndexedOrg } from '../org/org-lookup';
import { requireKnownScope } from '../org/scope-exists';
import { ActionEffectService } from './action-effect.service';
import { ActionStore, type ActionRow } from './action-store';
import type { createActionSchema, listActionsSchema, patchActionSchema } from './actions.dto';

export type ActionWithEffect = ActionRow & { overdue: boolean; effect: Awaited<ReturnType<ActionEffectService['effect']>> };

/** Corrective actions with cause codes, owner, due date and measured effect (spec/action.md). */
@Injectable()
export class ActionsService {
  readonly store: ActionStore;

  constructor(
    db: DataSource,
    private readonly records: RecordStore,
    private readonly alerts: AlertsService,
    private readonly effects: ActionEffectService,
  ) {
    this.store = new ActionStore(db);
  }

  private async asOf(given?: number): Promise<number> {
    return given ?? (await this.records.latestEventTime()) ?? Date.now();
  }

  async create(user: Me, req: z.output<typeof createActionSchema>, org: IndexedOrg): Promise<ActionWithEffect> {
    let kpi = req.kpi as string | undefined;
    let scope = req.scope as Scope | undefined;
    if (req.alertId) {
      const [alert] = (await this.alerts.list(user, org, {})).filter((a) => a.id === req.alertId);
      if (!alert) throw badRequest('alertId', `no alert ${req.alertId} of yours`);
      kpi = alert.kpi;
      scope = scopeOf(alert.scope);
    }
    if (!kpi || !scope) throw badRequest('kpi', 'is required without alertId');
    enforce(mayCreateAction(user, scope, org));
    requireKnownScope(scope, org);
    if (!(await this.store.causeCodes()).includes(req.causeCode)) throw badRequest('causeCode', `must be one of the admin's cause codes`);
    const now = await this.asOf();
    const row = await this.store.insert({
      alertId: req.alertId ?? null,
      kpi,
      scope: formatScope(scope),
      causeCode: req.causeCode,
      description: req.description,
      owner: req.owner ?? user.username,
      createdBy: user.username,
      effectiveAt: new Date(req.effectiveAt ?? now).toISOString(),
      dueAt: new Date(req.dueAt).toISOString(),
    });
    return this.withEffect(row, now, org);
  }

  async list(user: Me, org: IndexedOrg, q: z.output<typeof listActionsSchema>): Promise<ActionWithEffect[]> {
    if (q.scope) enforce(mayRead(user, q.scope, org));
    const asOf = await this.asOf(q.asOf);
    const rows = (await this.store.list(q.from, q.to)).filter(
      (a) => (mayRead(user, scopeOf(a.scope), org).ok || a.owner === user.username) && (!q.scope || isUnder(scopeOf(a.scope), q.scope, org)),
    );
    const out: ActionWithEffect[] = [];
    for (const a of rows) out.push(await this.withEffect(a, asOf, org, q.effectSeconds));
    return out;
  }

  async patch(user: Me, id: string, req: z.output<typeof patchActionSchema>, org: IndexedOrg): Promise<ActionWithEffect> {
    const a = await this.store.get(id);
    if (!a || !(mayRead(user, scopeOf(a.scope), org).ok || a.owner === user.username)) throw new NotFoundException(`no action ${id}`);
    if (!(a.owner === user.username || a.createdBy === user.username || user.roles.includes('admin'))) {
      throw new ForbiddenException(`${user.username} may not change action ${id} (owner, creator or admin)`);
    }
    const now = await this.asOf();
    const next: ActionRow = {
      ...a,
      status: req.status ?? a.status,
      description: req.description ?? a.description,
      owner: req.owner ?? a.owner,
      dueAt: req.dueAt !== undefined ? new Date(req.dueAt).toISOString() : a.dueAt,
      effectiveAt: req.effectiveAt !== undefined ? new Date(req.effectiveAt).toISOString() : a.effectiveAt,
    };
    if (next.status !== a.status) next.closedAt = next.status === 'open' ? null : new Date(now).toISOString();
    return this.withEffect(await this.store.update(next), now, org);
  }

  private async withEffect(a: ActionRow, asOf: number, org: IndexedOrg, effectSeconds?: number): Promise<ActionWithEffect> {
    const effect = await this.effects.effect({ kpi: a.kpi, scope: scopeOf(a.scope), effectiveAt: Date.parse(a.effectiveAt) }, asOf, org, effectSeconds);
    return { ...a, overdue: a.status === 'open' && asOf >= Date.parse(a.dueAt), effect };
  }
}
