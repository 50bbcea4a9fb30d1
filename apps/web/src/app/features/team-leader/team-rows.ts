import type { KpiRowWithTargets } from '@floorwatch/contracts';

/** Totals that a team-average row divides by the agents who worked; every rate is the team's own. */
const PER_AGENT_TOTALS = ['handled', 'auxSeconds'] as const;

/** Every agent of the team gets a row, even one with no records in the period. */
export function agentRows(rows: readonly KpiRowWithTargets[], teamAgentIds: readonly string[]): KpiRowWithTargets[] {
  const seen = new Set(rows.map((r) => r.key));
  const missing = teamAgentIds.filter((id) => !seen.has(id)).map((id) => ({ key: id, kpis: {}, targets: {} }) as unknown as KpiRowWithTargets);
  return [...rows.filter((r) => r.key !== '(none)'), ...missing];
}

/** Agents not scheduled and with nothing handled in the period: "Off", not a row of "—". */
export function offAgents(rows: readonly KpiRowWithTargets[]): string[] {
  return rows
    .filter((r) => {
      const k = r.kpis as Record<string, number | null | undefined>;
      return !(k['scheduledSeconds'] ?? 0) && !(k['handled'] ?? 0);
    })
    .map((r) => r.key);
}

/**
 * The team-average row: rates (adherence, AHT, FCR…) are the team's own figures (time- and
 * contact-weighted, as the team tile), and totals are per working agent.
 */
export function teamAverage(team: KpiRowWithTargets | null, workingAgents: number): KpiRowWithTargets | null {
  if (!team || workingAgents === 0) return null;
  const kpis = { ...(team.kpis as Record<string, number | null>) };
  for (const k of PER_AGENT_TOTALS) {
    const v = kpis[k];
    kpis[k] = v == null ? null : v / workingAgents;
  }
  return { ...team, key: 'Team average', kpis, targets: {} } as unknown as KpiRowWithTargets;
}
