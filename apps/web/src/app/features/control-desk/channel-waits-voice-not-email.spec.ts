import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import { channelAsa } from './channel-waits';

const row = (key: string, asaSeconds: number | null): KpiRowWithTargets =>
  ({ key, kpis: { asaSeconds }, targets: {} }) as unknown as KpiRowWithTargets;

const result = (rows: KpiRowWithTargets[]): KpiApiResult => ({
  scope: 'site:chicago',
  from: '2026-11-25T06:00:00.000Z',
  to: '2026-11-26T06:00:00.000Z',
  asOf: '2026-11-25T16:26:00.000Z',
  by: 'channel',
  rows,
});

describe('desk waits: per live channel, not the site mix', () => {
  // Site ASA 12 m 12 s = 732 s is dominated by e-mail (2 h = 7200 s); voice answers in 23 s.
  const byChannel = result([row('email', 7200), row('voice', 23), row('chat', 41)]);

  it('picks the voice row (23 s), not the e-mail row (7200 s)', () => {
    expect(channelAsa(byChannel, 'voice')).toBe(23);
  });
  it('picks the chat row (41 s)', () => {
    expect(channelAsa(byChannel, 'chat')).toBe(41);
  });
  it('is null when the site has no chat traffic today', () => {
    expect(channelAsa(result([row('voice', 23)]), 'chat')).toBeNull();
  });
  it('is null while the result has not loaded', () => {
    expect(channelAsa(undefined, 'voice')).toBeNull();
  });
});
