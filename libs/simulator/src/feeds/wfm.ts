import type { ForecastInterval, ScheduleSegment, SurveyResponse } from '@floorwatch/contracts';
import { isoWithOffset } from '../lib/time';
import { LineWriter, csv, iso } from './line-writer';

export function writeSchedule(path: string, rows: ScheduleSegment[], tzOfAgent: Map<string, string>): number {
  const w = new LineWriter(path);
  w.write('agent_id,start,end,activity');
  for (const r of rows) {
    const tz = tzOfAgent.get(r.agentId) ?? 'UTC';
    w.write(`${csv(r.agentId)},${isoWithOffset(r.start, tz)},${isoWithOffset(r.end, tz)},${csv(r.activity)}`);
  }
  w.close();
  return w.lines - 1;
}

export function writeForecast(path: string, rows: ForecastInterval[], tzOfSite: Map<string, string>): number {
  const w = new LineWriter(path);
  w.write('site_id,queue_id,interval_start,volume,aht_seconds,required_agents');
  for (const r of rows) {
    const tz = tzOfSite.get(r.siteId) ?? 'UTC';
    w.write(`${csv(r.siteId)},${csv(r.queueId)},${isoWithOffset(r.intervalStart, tz)},${r.volume},${r.ahtSeconds},${r.requiredAgents ?? ''}`);
  }
  w.close();
  return w.lines - 1;
}

export function writeSurveys(path: string, rows: SurveyResponse[]): number {
  const w = new LineWriter(path);
  // customer.md columns after the original thirteen (named in the header, so order is free).
  w.write('customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,contact_id,comment,trust,repurchase,product_sat,value_for_money');
  for (const r of rows) {
    w.write(
      [csv(r.customerKey), iso(r.respondedAt), csv(r.mainChannel), csv(r.channelChain), ...r.items.map(csv), csv(r.csat), csv(r.nps), r.scaleMin, r.scaleMax,
        csv(r.contactId ?? null), csv(r.comment ?? null), csv(r.trust ?? null), csv(r.repurchase ?? null), csv(r.productSat ?? null), csv(r.valueForMoney ?? null)].join(','),
    );
  }
  w.close();
  return w.lines - 1;
}
