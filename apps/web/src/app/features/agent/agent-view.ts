import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { API_PREFIX, type Me, type Role } from '@floorwatch/contracts';
import { kpiParams, type KpiQuery } from '../../core/api/kpi-api';
import { OrgApi } from '../../core/api/org-api';
import { PrefetchCache } from '../../core/api/prefetch';
import { mayOpen } from '../../core/auth.guard';
import { AuthService } from '../../core/auth.service';
import { paramsOf, type ResolvedView, resolveView, type ViewDefaults } from '../../core/view-state';

/** The agent page opens on the signed-in agent's own day. */
export function agentViewDefaults(me: Me | null): ViewDefaults {
  return { scope: `agent:${me?.agentId ?? 'me'}`, period: 'day', by: null };
}

/** The headline tiles' query: the page's first request and the one worth starting early. */
export function agentSummaryQuery(view: Pick<ResolvedView, 'state' | 'period' | 'timezone'>): KpiQuery {
  return { scope: view.state.scope, from: view.period.from, to: view.period.to, tz: view.timezone };
}

/**
 * Starts the tiles' query as soon as /me and /org have answered, while the router is still
 * fetching the page's code (and its shared chunks, one level after it): the page's identical
 * request then takes this answer. Never blocks the navigation; asks nothing for a user the
 * page's role guard turns away.
 */
export function prefetchAgentSummary(roles: readonly Role[]): CanActivateFn {
  return (route) => {
    const auth = inject(AuthService);
    const orgApi = inject(OrgApi);
    const cache = inject(PrefetchCache);
    if (auth.isLoggedIn()) {
      const params = paramsOf(route.queryParamMap);
      void Promise.all([auth.loadMe(), orgApi.load()]).then(([me, org]) => {
        // Without /org the page asks in UTC and then again in the site's zone: nothing to share.
        if (!me || !org || !mayOpen(me, roles)) return;
        cache.get(`${API_PREFIX}/kpis`, kpiParams(agentSummaryQuery(resolveView(params, agentViewDefaults(me), org))));
      });
    }
    return true;
  };
}
