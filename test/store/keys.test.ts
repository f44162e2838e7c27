import { describe, expect, it } from 'vitest';
import { indexKeys, keys, sortableInstant } from '#functions/store/keys.ts';

describe('key scheme', () => {
  it('encodes ids so a "#" inside one cannot forge another key', () => {
    expect(keys.entry('A#ENTRY', '2026-01-01T00:00:00Z', 'x').pk).toBe('ACCOUNT#A%23ENTRY');
    expect(indexKeys.claimByPayerClaimNumber('P#1', '2', 'C').gsi2pk).not.toBe(indexKeys.claimByPayerClaimNumber('P', '1#2', 'C').gsi2pk);
  });
  it('puts the account summary before its entries, and coverages in priority order', () => {
    const sks = [keys.entry('A', '2026-01-01T00:00:00Z', 'e').sk, keys.account('A').sk].sort();
    expect(sks[0]).toBe('#ACCOUNT');
    const cov = [
      keys.coverage('P', 'tertiary', 'a').sk,
      keys.coverage('P', 'primary', 'z').sk,
      keys.coverage('P', 'secondary', 'm').sk,
    ].sort();
    expect(cov).toEqual(['COVERAGE#1#z', 'COVERAGE#2#m', 'COVERAGE#3#a']);
  });
  it('writes instants at one width so they sort in time order', () => {
    expect(sortableInstant('2026-05-01T10:00:00Z')).toBe('2026-05-01T10:00:00.000Z');
    expect(sortableInstant('2026-05-01T10:00:00Z') < sortableInstant('2026-05-01T10:00:00.5Z')).toBe(true);
  });
  it('pads line numbers so line 10 follows line 9', () => {
    expect(keys.claimLine('C', 9).sk < keys.claimLine('C', 10).sk).toBe(true);
  });
});
