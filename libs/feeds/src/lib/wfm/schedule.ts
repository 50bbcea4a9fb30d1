import { parseIsoWithOffset } from '../fields';
import { quarantine } from '../outcome';
import type { FeedScheduleSegment, ParserOptions } from '../types';
import { CsvFeedParser, required, type Row } from './csv';

/** Activities of the kpis.md table. */
export const DEFAULT_ACTIVITIES = ['open', 'break', 'lunch', 'meeting', 'training', 'coaching', 'offline', 'vacation', 'holiday', 'sick', 'absent'];

export class WfmScheduleParser extends CsvFeedParser {
  readonly format = 'wfm-schedule' as const;
  private readonly activities: Set<string>;

  constructor(options: ParserOptions = {}) {
    const cols = ['agent_id', 'start', 'end', 'activity'];
    super(cols, cols);
    this.activities = new Set([...DEFAULT_ACTIVITIES, ...(options.extraActivities ?? [])].map((a) => a.toLowerCase()));
  }

  protected row(get: Row): FeedScheduleSegment {
    const agentRef = required(get, 'agent_id');
    const start = parseIsoWithOffset(required(get, 'start'), 'start');
    const end = parseIsoWithOffset(required(get, 'end'), 'end');
    const activity = required(get, 'activity').toLowerCase();
    // action.md: `training:<course>` and `coaching:<topic>` are their base activity, named.
    const base = /^(training|coaching):./.test(activity) ? activity.slice(0, activity.indexOf(':')) : activity;
    if (!this.activities.has(activity) && !this.activities.has(base)) quarantine('unknown-activity', `activity "${activity}" is not configured`);
    if (end < start) quarantine('negative-duration', 'end is before start');
    if (end === start) quarantine('empty-interval', 'end equals start');
    return { kind: 'schedule', agentRef, start, end, activity };
  }
}
