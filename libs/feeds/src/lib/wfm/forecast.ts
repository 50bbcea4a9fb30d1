import { parseIsoWithOffset, parseNumberText } from '../fields';
import { quarantine } from '../outcome';
import type { FeedForecast } from '../types';
import { CsvFeedParser, required, type Row } from './csv';

const INTERVAL_MS = 15 * 60 * 1000;

function nonNegative(get: Row, name: string): number {
  const n = parseNumberText(required(get, name), name);
  if (n < 0) quarantine(name === 'aht_seconds' ? 'negative-duration' : `negative-number:${name}`, `${name} is ${n}`);
  return n;
}

export class WfmForecastParser extends CsvFeedParser {
  readonly format = 'wfm-forecast' as const;

  constructor() {
    super(['site_id', 'queue_id', 'interval_start', 'volume', 'aht_seconds', 'required_agents'], ['site_id', 'queue_id', 'interval_start', 'volume', 'aht_seconds']);
  }

  protected row(get: Row): FeedForecast {
    const intervalStart = parseIsoWithOffset(required(get, 'interval_start'), 'interval_start');
    // Every real UTC offset is a multiple of 15 minutes, so local 15-minute starts are aligned in UTC too.
    if (intervalStart % INTERVAL_MS !== 0) quarantine('bad-interval', 'interval_start is not on a 15-minute boundary');
    return {
      kind: 'forecast',
      siteRef: required(get, 'site_id'),
      queueRef: required(get, 'queue_id'),
      intervalStart,
      volume: nonNegative(get, 'volume'),
      ahtSeconds: nonNegative(get, 'aht_seconds'),
      requiredAgents: get('required_agents') === '' ? null : nonNegative(get, 'required_agents'),
    };
  }
}
