import { lineHashOf } from './line-hash';

/*
 * feed_lines keeps every ingested line's hash forever: a change of the function would make every
 * line of a re-read file new again. sha256("abc") is the FIPS 180-2 test vector
 * ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad; the key is its first
 * 16 bytes in hex.
 */
describe('lineHashOf: the first 16 bytes of sha256, as stored since the first schema', () => {
  it('hashes the FIPS test vector "abc" to ba7816bf8f01cfea414140de5dae2223', () => {
    expect(lineHashOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223');
  });
  it('hashes text as UTF-8 (a site name with an accent) and tells lines one character apart', () => {
    // sha256 of the UTF-8 bytes of "Bogotá" (c3 a1 for á), computed with `printf 'Bogotá' | sha256sum`.
    expect(lineHashOf('Bogotá')).toBe(BOGOTA);
    expect(lineHashOf('Bogota')).not.toBe(BOGOTA);
  });
});

const BOGOTA = 'e5640e0407cc38c3acbb70812b97d239';
