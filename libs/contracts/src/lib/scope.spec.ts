import { formatScope, isScopeError, parseScope } from './scope';

describe('parseScope', () => {
  it('reads every scope kind and round-trips', () => {
    for (const text of ['enterprise', 'site:lon', 'team:t1', 'agent:a-7', 'queue:sales']) {
      const s = parseScope(text);
      expect(isScopeError(s)).toBe(false);
      if (!isScopeError(s)) expect(formatScope(s)).toBe(text);
    }
  });
  it('names what is wrong with a bad scope', () => {
    expect(parseScope('planet:x')).toEqual({ error: 'unknown scope kind "planet"' });
    expect(parseScope('site:')).toEqual({ error: 'scope site: needs an id' });
    expect(parseScope('nonsense')).toHaveProperty('error');
  });
});
