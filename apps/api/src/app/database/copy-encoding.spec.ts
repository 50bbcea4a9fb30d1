import { encodeCopyRow, encodeCopyValue } from './copy-encoding';

describe('COPY text encoding', () => {
  it('escapes the four special characters and writes NULL as \\N', () => {
    expect(encodeCopyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue(undefined)).toBe('\\N');
    // a literal backslash-N string must not turn into NULL
    expect(encodeCopyValue('\\N')).toBe('\\\\N');
  });

  it('encodes numbers, booleans, dates, text arrays and json', () => {
    expect(encodeCopyRow([1.5, true, new Date(Date.UTC(2026, 0, 1)), ['a', 'b"c'], { v: 1 }])).toBe(
      '1.5\tt\t2026-01-01T00:00:00.000Z\t{"a","b\\\\"c"}\t{"v":1}\n',
    );
  });
});
