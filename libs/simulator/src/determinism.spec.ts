import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateWorld, writeFeeds } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');

function digest(seed: number): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-sim-'));
  try {
    const files = writeFeeds(generateWorld({ seed, days: 2, endAt: END, agents: 60 }), dir);
    return Object.fromEntries(files.map((f) => [basename(f.file), createHash('sha256').update(readFileSync(f.file)).digest('hex')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('determinism', () => {
  it('writes byte-identical feeds for the same seed, and different ones for another seed', () => {
    const a = digest(42);
    const b = digest(42);
    const c = digest(43);
    expect(Object.keys(a)).toEqual([
      'org.json',
      'wfm-schedule.csv',
      'wfm-forecast.csv',
      'lon-queue_log',
      'lon-contacts.ndjson',
      'lon-agent-states.ndjson',
      'lon-selfservice.ndjson',
      'mnl-connect-ctr.ndjson',
      'mnl-connect-agent-events.ndjson',
      'mnl-connect-ctr-ivr-only.ndjson',
      'chi-contacts.ndjson',
      'chi-agent-states.ndjson',
      'chi-selfservice.ndjson',
      'survey.csv',
    ]);
    expect(b).toEqual(a);
    expect(c['lon-queue_log']).not.toEqual(a['lon-queue_log']);
    expect(c['chi-contacts.ndjson']).not.toEqual(a['chi-contacts.ndjson']);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => generateWorld({ seed: 1.5, days: 1, endAt: END })).toThrow(/seed must be an integer/);
    expect(() => generateWorld({ seed: 1, days: -1, endAt: END })).toThrow(/days must be/);
    expect(() => generateWorld({ seed: 1, days: 1, endAt: END, sites: ['par'] })).toThrow(/unknown site id\(s\) par/);
    expect(() => generateWorld({ seed: 1, days: 1, endAt: END, agents: 5 })).toThrow(/at least 10 per site/);
  });
});
