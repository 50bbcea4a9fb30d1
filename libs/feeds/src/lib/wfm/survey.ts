import { parseIsoWithOffset, parseNumberText } from '../fields';
import { quarantine } from '../outcome';
import type { FeedSurvey } from '../types';
import { CsvFeedParser, required, type Row } from './csv';

const COLUMNS = ['customer_id', 'responded_at', 'main_channel', 'channel_chain', 'q1', 'q2', 'q3', 'q4', 'q5', 'csat', 'nps', 'scale_min', 'scale_max'];
/*
 * customer.md optional columns (contact_id, comment, trust, repurchase, product_sat,
 * value_for_money) are read only when the header names them, in any order: the CSV base keys a
 * header's columns by name, so a header-less file keeps today's positional columns.
 */

function optNumber(get: Row, name: string): number | null {
  const v = get(name);
  return v === '' ? null : parseNumberText(v, name);
}

/** Empty item = not answered. Optional columns are found by header name (positional order without a header). */
export class SurveyParser extends CsvFeedParser {
  readonly format = 'survey' as const;

  constructor() {
    // A header needs only what every response needs; items it does not name are not answered.
    super(COLUMNS, COLUMNS.slice(0, 9), ['responded_at', 'main_channel']);
  }

  protected row(get: Row): FeedSurvey {
    const scaleMin = optNumber(get, 'scale_min') ?? 1;
    const scaleMax = optNumber(get, 'scale_max') ?? 7;
    if (scaleMax <= scaleMin) quarantine('bad-value:scale', `scale_max ${scaleMax} must exceed scale_min ${scaleMin}`);
    const item = (name: string): number | null => {
      const n = optNumber(get, name);
      if (n !== null && (n < scaleMin || n > scaleMax)) quarantine(`out-of-scale:${name}`, `${name} = ${n} is outside ${scaleMin}..${scaleMax}`);
      return n;
    };
    // csat was read unchecked before; customer.md puts it on the declared scale like q1..q5.
    const csat = item('csat');
    const nps = optNumber(get, 'nps');
    if (nps !== null && (nps < 0 || nps > 10)) quarantine('bad-value:nps', `nps ${nps} is outside 0..10`);
    const customer = get('customer_id');
    return {
      kind: 'survey',
      customerRef: customer === '' ? null : customer,
      respondedAt: parseIsoWithOffset(required(get, 'responded_at'), 'responded_at', true),
      mainChannel: required(get, 'main_channel').toLowerCase(),
      channelChain: get('channel_chain').toLowerCase(),
      items: [item('q1'), item('q2'), item('q3'), item('q4'), item('q5')],
      csat,
      nps,
      scaleMin,
      scaleMax,
      contactId: get('contact_id') || null,
      comment: get('comment') || null,
      trust: item('trust'),
      repurchase: item('repurchase'),
      productSat: item('product_sat'),
      valueForMoney: item('value_for_money'),
    };
  }
}
