import { RefetchThrottle, liveTilesChanged } from './refetch-throttle';

describe('summary re-fetch on live kpi deltas (at most once per 30 s)', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
  });
  afterEach(() => jest.useRealTimers());
  const advance = (ms: number) => {
    now += ms;
    jest.advanceTimersByTime(ms);
  };

  it('runs the first delta at once and folds later ones into one trailing run', () => {
    const run = jest.fn();
    const t = new RefetchThrottle(run, 30_000, () => now);
    t.notify();
    expect(run).toHaveBeenCalledTimes(1);
    // deltas at +1 s, +5 s, +20 s: all inside the 30 s gap → one run at +30 s
    advance(1_000);
    t.notify();
    advance(4_000);
    t.notify();
    advance(15_000);
    t.notify();
    expect(run).toHaveBeenCalledTimes(1);
    advance(9_999); // +29.999 s
    expect(run).toHaveBeenCalledTimes(1);
    advance(1); // +30 s
    expect(run).toHaveBeenCalledTimes(2);
    // quiet afterwards: nothing more
    advance(120_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('counts the gap from the page’s own load', () => {
    const run = jest.fn();
    const t = new RefetchThrottle(run, 30_000, () => now);
    t.markFetched();
    advance(10_000);
    t.notify();
    expect(run).not.toHaveBeenCalled();
    advance(20_000); // 10 + 20 = 30 s after the load
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never runs after cancel (page destroyed)', () => {
    const run = jest.fn();
    const t = new RefetchThrottle(run, 30_000, () => now);
    t.notify();
    t.notify();
    t.cancel();
    advance(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('treats only a new tile set for the same scope, after its snapshot, as a change', () => {
    const snap = { handled: 10 };
    const delta = { handled: 11 };
    // before any snapshot
    expect(liveTilesChanged(null, { scope: 'site:lon', tiles: undefined })).toBe(false);
    // the snapshot arrives: the summary just loaded already covers it
    expect(liveTilesChanged({ scope: 'site:lon', tiles: undefined }, { scope: 'site:lon', tiles: snap })).toBe(false);
    // a delta replaces the tile object
    expect(liveTilesChanged({ scope: 'site:lon', tiles: snap }, { scope: 'site:lon', tiles: delta })).toBe(true);
    // same object (another scope's event re-rendered the page): no change
    expect(liveTilesChanged({ scope: 'site:lon', tiles: delta }, { scope: 'site:lon', tiles: delta })).toBe(false);
    // the page moved to another scope: its summary resource reloads by itself
    expect(liveTilesChanged({ scope: 'site:lon', tiles: delta }, { scope: 'site:mnl', tiles: { handled: 3 } })).toBe(false);
  });
});
