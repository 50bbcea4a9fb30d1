import { agentCountText } from './staffing-helpers';

describe('desk site card agents now / required', () => {
  it('a number reads as a whole number; missing while the day is loading reads "…", missing once loaded "—"', () => {
    // 104.6 on hand → "105"; the live row has no forecast while /staffing loads → "…"
    expect([agentCountText(104.6, false), agentCountText(null, true), agentCountText(undefined, false), agentCountText(0, true)]).toEqual(['105', '…', '—', '0']);
  });
});
