import type { AgentState, AgentStateEvent, Contact } from '@floorwatch/contracts';
import type { SimAgent } from '../lib/org';
import { LineWriter } from './line-writer';

interface Line {
  ts: number;
  prio: number;
  seq: number;
  text: string;
}

/** Pause reasons as agents pick them on the phone (`PAUSE|Lunch` → `aux:lunch` at ingest). */
function pauseReason(state: AgentState): string {
  if (state === 'acw') return 'ACW';
  const r = state.slice(4);
  return r[0].toUpperCase() + r.slice(1);
}

export function memberName(a: SimAgent): string {
  // Most phones log as Agent/<ext>; one in four uses PJSIP/<ext>: both are aliases in org.json.
  return Number(a.extension) % 4 === 0 ? `PJSIP/${a.extension}` : `Agent/${a.extension}`;
}

/**
 * Asterisk queue_log for one site's voice: calls (ENTERQUEUE, RINGNOANSWER, CONNECT,
 * COMPLETECALLER/COMPLETEAGENT, ABANDON) and member events (ADDMEMBER/REMOVEMEMBER per
 * queue, PAUSEALL/UNPAUSEALL with the reason; ACW as a pause right after the call).
 * on_contact states are not written: ingest derives them from CONNECT…COMPLETE.
 */
export function writeQueueLog(
  path: string,
  contacts: Contact[],
  events: AgentStateEvent[],
  agents: Map<string, SimAgent>,
  voiceQueues: string[],
  /** Calls answered before the cut-off that end after it: the log has their ENTERQUEUE and CONNECT only. */
  inProgress: Contact[] = [],
): number {
  const lines: Line[] = [];
  let seq = 0;
  const add = (ms: number, prio: number, text: string) => lines.push({ ts: Math.floor(ms / 1000), prio, seq: seq++, text });
  const agentList = [...agents.values()];
  for (const c of contacts) {
    const s = (ms: number) => Math.floor(ms / 1000);
    add(c.enqueuedAt, 0, `${s(c.enqueuedAt)}|${c.contactId}|${c.queueId}|NONE|ENTERQUEUE|NONE|${c.customerKey ?? 'NONE'}|1`);
    const agent = c.agentId ? agents.get(c.agentId) : undefined;
    if (c.outcome === 'handled' && agent && c.answeredAt !== null) {
      const hash = Number(c.contactId.split('.')[1] ?? '0');
      if (c.waitSeconds >= 25 && hash % 5 === 0) {
        const other = agentList[hash % agentList.length];
        if (other !== agent) add(c.enqueuedAt + 15_000, 0, `${s(c.enqueuedAt + 15_000)}|${c.contactId}|${c.queueId}|${memberName(other)}|RINGNOANSWER|15000`);
      }
      const ring = Math.min(c.waitSeconds, 2 + (hash % 7));
      add(c.answeredAt, 2, `${s(c.answeredAt)}|${c.contactId}|${c.queueId}|${memberName(agent)}|CONNECT|${c.waitSeconds}|${c.contactId.replace(/\.\d+$/, '')}.${hash + 1}|${ring}`);
      const ev = hash % 3 === 0 ? 'COMPLETEAGENT' : 'COMPLETECALLER';
      add(c.endedAt, 0, `${s(c.endedAt)}|${c.contactId}|${c.queueId}|${memberName(agent)}|${ev}|${c.waitSeconds}|${c.talkSeconds}|1`);
    } else {
      add(c.endedAt, 0, `${s(c.endedAt)}|${c.contactId}|${c.queueId}|NONE|ABANDON|1|1|${c.waitSeconds}`);
    }
  }
  for (const c of inProgress) {
    const agent = c.agentId ? agents.get(c.agentId) : undefined;
    if (!agent || c.answeredAt === null) continue;
    const s = (ms: number) => Math.floor(ms / 1000);
    add(c.enqueuedAt, 0, `${s(c.enqueuedAt)}|${c.contactId}|${c.queueId}|NONE|ENTERQUEUE|NONE|${c.customerKey ?? 'NONE'}|1`);
    add(c.answeredAt, 2, `${s(c.answeredAt)}|${c.contactId}|${c.queueId}|${memberName(agent)}|CONNECT|${c.waitSeconds}|${c.contactId}|2`);
  }
  const prev = new Map<string, AgentState>();
  for (const e of events) {
    const agent = agents.get(e.agentId);
    if (!agent) continue;
    const before = prev.get(e.agentId) ?? 'logged_out';
    prev.set(e.agentId, e.state);
    const m = memberName(agent);
    const t = Math.floor(e.at / 1000);
    const paused = (st: AgentState) => st === 'acw' || st.startsWith('aux:');
    if (e.state === 'on_contact') continue;
    if (e.state === 'logged_out') {
      for (const q of voiceQueues) add(e.at, 1, `${t}|NONE|${q}|${m}|REMOVEMEMBER|NONE`);
    } else if (before === 'logged_out') {
      for (const q of voiceQueues) add(e.at, 1, `${t}|NONE|${q}|${m}|ADDMEMBER|NONE`);
      if (paused(e.state)) add(e.at, 1, `${t}|NONE|NONE|${m}|PAUSEALL|${pauseReason(e.state)}`);
    } else if (e.state === 'available') {
      if (paused(before)) add(e.at, 1, `${t}|NONE|NONE|${m}|UNPAUSEALL|NONE`);
    } else {
      // A repeated PAUSE changes nothing at ingest, so a pause-to-pause change unpauses first.
      if (paused(before)) add(e.at, 1, `${t}|NONE|NONE|${m}|UNPAUSEALL|NONE`);
      add(e.at, 1, `${t}|NONE|NONE|${m}|PAUSEALL|${pauseReason(e.state)}`);
    }
  }
  lines.sort((a, b) => a.ts - b.ts || a.prio - b.prio || a.seq - b.seq);
  const w = new LineWriter(path);
  for (const l of lines) w.write(l.text);
  w.close();
  return w.lines;
}
