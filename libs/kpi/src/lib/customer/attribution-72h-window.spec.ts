import type { Contact } from '@floorwatch/contracts';
import { contact } from '../../testing/fixtures';
import { attributeSurvey } from './attribution';

const at = (iso: string): number => Date.parse(iso);

describe('customer.md worked example: customer C, K1 by a1 and K2 by a2', () => {
  // K1 by a1 day 1 10:00–10:05, K2 by a2 day 2 09:00–09:06
  const k1 = contact({ contactId: 'K1', segmentId: 'K1-1', customerKey: 'C', agentId: 'a1', teamId: 't1', enqueuedAt: at('2024-05-01T10:00:00Z'), answeredAt: at('2024-05-01T10:00:00Z'), endedAt: at('2024-05-01T10:05:00Z') });
  const k2 = contact({ contactId: 'K2', segmentId: 'K2-1', customerKey: 'C', agentId: 'a2', teamId: 't2', enqueuedAt: at('2024-05-02T09:00:00Z'), answeredAt: at('2024-05-02T09:00:00Z'), endedAt: at('2024-05-02T09:06:00Z') });
  const records: Contact[] = [k1, k2];

  it('no contact_id, day 2 12:00 → a2 (latest answered segment in the window)', () => {
    const a = attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-02T12:00:00Z'), contactId: null }, records);
    expect(a).toMatchObject({ attributedBy: 'window', agentId: 'a2', teamId: 't2', contactId: 'K2' });
  });

  it('contact_id K1 → a1, whatever the times', () => {
    const a = attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-02T12:00:00Z'), contactId: 'K1' }, records);
    expect(a).toMatchObject({ attributedBy: 'contactId', agentId: 'a1', segmentId: 'K1-1' });
  });

  it('day 5 09:06:00 → a2: exactly 72 h after K2 ended (window inclusive)', () => {
    // 09:06 day 2 + 72 h = 09:06 day 5
    const a = attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-05T09:06:00Z'), contactId: null }, records);
    expect(a?.agentId).toBe('a2');
  });

  it('day 5 09:06:01 → unattributed (one second past the window)', () => {
    expect(attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-05T09:06:01Z'), contactId: null }, records)).toBeNull();
  });

  it('window 0 turns rule 2 off; an unknown contact id falls back to the window', () => {
    expect(attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-02T12:00:00Z'), contactId: null }, records, 0)).toBeNull();
    expect(attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-02T12:00:00Z'), contactId: 'K9' }, records)?.agentId).toBe('a2');
  });

  it('a matched contact with no answered segment gives its queue/site but no agent or team', () => {
    const lost = contact({ contactId: 'K3', segmentId: 'K3-1', customerKey: 'C', enqueuedAt: at('2024-05-02T10:00:00Z'), answeredAt: null, agentId: null, queueId: 'q-bill', siteId: 'mnl' });
    const a = attributeSurvey({ customerKey: 'C', respondedAt: at('2024-05-02T12:00:00Z'), contactId: 'K3' }, [...records, lost]);
    expect(a).toMatchObject({ attributedBy: 'contactId', agentId: null, teamId: null, queueId: 'q-bill', siteId: 'mnl' });
  });

  it('contact id matching a segment id takes the latest answered segment of that whole contact', () => {
    const s1 = contact({ contactId: 'K4', segmentId: 'K4-1', agentId: 'a1', enqueuedAt: at('2024-05-03T10:00:00Z'), answeredAt: at('2024-05-03T10:00:00Z'), endedAt: at('2024-05-03T10:02:00Z') });
    const s2 = contact({ contactId: 'K4', segmentId: 'K4-2', agentId: 'a3', enqueuedAt: at('2024-05-03T10:02:00Z'), answeredAt: at('2024-05-03T10:02:00Z'), endedAt: at('2024-05-03T10:09:00Z') });
    const a = attributeSurvey({ customerKey: null, respondedAt: at('2024-05-01T00:00:00Z'), contactId: 'K4-1' }, [s2, s1]);
    expect(a).toMatchObject({ agentId: 'a3', segmentId: 'K4-2' });
  });
});
