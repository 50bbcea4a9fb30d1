import { computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import { map } from 'rxjs';
import { isScopeError, parseScope, type GroupBy, type OrgView } from '@floorwatch/contracts';
import { OrgApi } from './api/org-api';
import {
  parseViewState,
  resolvePeriod,
  toQueryParams,
  type PeriodKind,
  type QueryParams,
  type ResolvedPeriod,
  type ViewState,
} from './url-state';

export type ViewDefaults = { scope: string; period?: PeriodKind; by?: GroupBy | null };

/** A view's query parameters, first value of each (as the page reads them). */
export function paramsOf(m: ParamMap): QueryParams {
  return Object.fromEntries(m.keys.map((k) => [k, m.get(k)]));
}

export interface ResolvedView {
  state: ViewState;
  timezone: string;
  period: ResolvedPeriod;
}

/**
 * URL + defaults + org → what the view shows, in one call: the same three steps injectViewState
 * keeps as signals, for code that must ask what the page will ask before the page exists
 * (first-render prefetch).
 */
export function resolveView(params: QueryParams, defaults: ViewDefaults, org: OrgView | null): ResolvedView {
  const state = parseViewState(params, defaults);
  const timezone = scopeTimezone(state.scope, org);
  return { state, timezone, period: resolvePeriod(state, timezone) };
}

/** Site time zone for a scope; enterprise uses the sites' common zone, or UTC when they differ. */
export function scopeTimezone(scope: string, org: OrgView | null): string {
  if (!org) return 'UTC';
  const p = parseScope(scope);
  if (isScopeError(p)) return 'UTC';
  let siteId: string | undefined;
  if (p.kind === 'site') siteId = p.id;
  if (p.kind === 'team') siteId = org.teams.find((t) => t.id === p.id)?.siteId;
  if (p.kind === 'agent') siteId = org.agents.find((a) => a.id === p.id)?.siteId;
  if (p.kind === 'queue') siteId = org.queues.find((q) => q.id === p.id)?.siteId;
  if (siteId) return org.sites.find((s) => s.id === siteId)?.timezone ?? 'UTC';
  const zones = new Set(org.sites.map((s) => s.timezone));
  return zones.size === 1 ? [...zones][0] : 'UTC';
}

/**
 * The view's state from the URL as signals, plus navigation that writes it back.
 * Call in a component's injection context.
 */
export function injectViewState(defaults: () => ViewDefaults) {
  const route = inject(ActivatedRoute);
  const router = inject(Router);
  const orgApi = inject(OrgApi);
  void orgApi.load();
  const params = toSignal(route.queryParamMap.pipe(map(paramsOf)), { initialValue: {} as QueryParams });
  // The steps of resolveView, as separate signals so that an org reload which changes no zone
  // changes no query (a resource refetches on every new request object).
  const state = computed<ViewState>(() => parseViewState(params(), defaults()));
  const timezone = computed(() => scopeTimezone(state().scope, orgApi.org()));
  const period = computed(() => resolvePeriod(state(), timezone()));

  function go(next: ViewState, routePath: string | null = null): void {
    const commands = routePath ? [routePath] : [];
    void router.navigate(commands, { relativeTo: routePath ? null : route, queryParams: toQueryParams(next) });
  }
  function patch(p: Partial<ViewState>): void {
    go({ ...state(), ...p });
  }
  return { state, timezone, period, org: orgApi.org, go, patch };
}
export type ViewStateRef = ReturnType<typeof injectViewState>;
