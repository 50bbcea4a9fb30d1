import { summarise } from '../outcome';
import { runFeed } from '../testing/run-feed';
import type { FeedSession } from '../types';

const ms = (iso: string): number => Date.parse(iso);
const sessions = (records: Array<{ kind: string }>): FeedSession[] => records.filter((r): r is FeedSession => r.kind === 'session');
const nd = (...objs: object[]): { text: string } => ({ text: objs.map((o) => JSON.stringify(o)).join('\n') + '\n' });

const base = { sessionId: 's1', customerKey: '+441', channel: 'ivr', entryPoint: '0800-100', startedAt: '2026-03-02T10:00:00+01:00' };

describe('selfservice-ndjson: the record shape, updates ordered by version, quarantine rules', () => {
  it('maps a closed contained session (times with offset to epoch ms, idv booleans, intent, lastNode)', async () => {
    const run = await runFeed('selfservice-ndjson', nd({ ...base, endedAt: '2026-03-02T10:03:00+01:00', outcome: 'Contained', intent: 'balance', lastNode: 'goodbye', idAttempted: true, idPassed: 'false' }));
    expect(sessions(run.records)).toEqual([
      {
        kind: 'session',
        sessionId: 's1',
        customerRef: '+441',
        channel: 'ivr',
        entryPoint: '0800-100',
        startedAt: ms('2026-03-02T09:00:00Z'),
        endedAt: ms('2026-03-02T09:03:00Z'),
        outcome: 'contained',
        intent: 'balance',
        lastNode: 'goodbye',
        idAttempted: true,
        idPassed: false,
        transferredContactId: null,
        // no updatedAt: the version is endedAt
        version: ms('2026-03-02T09:03:00Z'),
        line: 1,
        linkable: false,
      },
    ]);
  });

  it('an open session has version null (lowest) and no outcome; updatedAt wins over endedAt as version', async () => {
    const run = await runFeed('selfservice-ndjson', nd(base, { ...base, endedAt: '2026-03-02T10:01:00+01:00', outcome: 'transferred', updatedAt: '2026-03-02T10:05:00+01:00', transferredContactId: 'c-9' }));
    const [open, closed] = sessions(run.records);
    expect([open.version, open.outcome, open.endedAt]).toEqual([null, null, null]);
    expect([closed.version, closed.line, closed.transferredContactId]).toEqual([ms('2026-03-02T09:05:00Z'), 2, 'c-9']);
  });

  it('quarantines no sessionId, no startedAt, unknown channel or outcome, negative duration, closed without outcome', async () => {
    const run = await runFeed(
      'selfservice-ndjson',
      nd(
        { ...base, sessionId: undefined },
        { ...base, startedAt: null },
        { ...base, channel: 'fax' },
        { ...base, endedAt: '2026-03-02T10:01:00+01:00', outcome: 'resolved' },
        { ...base, endedAt: '2026-03-02T09:59:00+01:00', outcome: 'contained' },
        { ...base, endedAt: '2026-03-02T10:01:00+01:00' },
        { ...base, startedAt: '2026-03-02T10:00:00' },
        base,
      ),
    );
    expect(run.quarantined.map((o) => [o.lineNumber, o.reason])).toEqual([
      [1, 'missing-field:sessionId'],
      [2, 'missing-field:startedAt'],
      [3, 'unknown-channel'],
      [4, 'unknown-outcome'],
      [5, 'negative-duration'],
      [6, 'closed-without-outcome'],
      [7, 'bad-timestamp'], // no offset: ambiguous local time
    ]);
    expect(summarise(run.outcomes)).toMatchObject({ read: 8, accepted: 1, quarantined: 7 });
  });
});
