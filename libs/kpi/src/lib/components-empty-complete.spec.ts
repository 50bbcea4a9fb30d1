import { CHANNELS } from '@floorwatch/contracts';
import { addComponentsInto, emptyComponents, NUMERIC_COMPONENTS } from './components';

/*
 * emptyComponents is a literal (fast to allocate); NUMERIC_COMPONENTS is what sums and rollups
 * iterate. They must name the same components, or a component would be summed as missing.
 */
describe('emptyComponents: every component, zero, fresh each call', () => {
  it('has exactly the numeric components plus the two per-channel maps, all zero', () => {
    const c = emptyComponents();
    expect(Object.keys(c).sort()).toEqual([...NUMERIC_COMPONENTS, 'fcrEligibleByChannel', 'fcrNotRepeatedByChannel'].sort());
    for (const k of NUMERIC_COMPONENTS) expect([k, c[k]]).toEqual([k, 0]);
    expect(Object.keys(c.fcrEligibleByChannel).sort()).toEqual([...CHANNELS].sort());
    expect(Object.values(c.fcrNotRepeatedByChannel)).toEqual(CHANNELS.map(() => 0));
  });

  it('shares no state between calls: 2 eligible chat contacts added into one leave the next at 0', () => {
    const a = emptyComponents();
    const b = emptyComponents();
    b.fcrEligibleByChannel.chat = 2;
    b.handled = 2;
    addComponentsInto(a, b);
    expect([a.handled, a.fcrEligibleByChannel.chat]).toEqual([2, 2]);
    const next = emptyComponents();
    expect([next.handled, next.fcrEligibleByChannel.chat]).toEqual([0, 0]);
  });
});
