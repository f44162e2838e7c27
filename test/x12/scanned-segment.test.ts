/**
 * The reader works on offsets into the scanned text instead of element strings: these properties
 * check that every offset-based answer (presence, value, code match, cents) agrees with the string
 * answer on the decoded `elements`, for scanned segments and for segments built by hand.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScannedSegment, tokenize } from '#functions/x12/tokenizer.ts';
import { CodeSet } from '#functions/x12/code-set.ts';
import { centsAt, tryParseCents } from '#functions/x12/decimal.ts';

const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260105*0930*^*00501*000000001*0*T*:~';

/** Element text without the interchange's delimiters (`*`, `:`, `^`, `~`) or line breaks. */
const elementText = fc.string({ unit: fc.constantFrom('A', 'B', '1', '0', '.', '-', ' ', 'Z', 'é', '\u0001'), maxLength: 6 });
const segmentElements = fc.array(elementText, { maxLength: 12 });

function scanned(elements: string[]): ScannedSegment {
  const [segment] = tokenize(`${ISA}CLP${elements.map((e) => `*${e}`).join('')}~`).slice(1);
  if (!(segment instanceof ScannedSegment)) throw new Error('the scanner yields ScannedSegments');
  return segment;
}

describe('scanned segments', () => {
  it('answer presence, values and code matches from offsets exactly as from the decoded elements (property)', () => {
    fc.assert(
      fc.property(segmentElements, fc.array(fc.string({ maxLength: 3 }), { maxLength: 8 }), (elements, codes) => {
        const built = ScannedSegment.of({
          id: 'CLP',
          elements: ['CLP', ...elements],
          byteOffset: 0,
          position: 1,
          delimiters: { element: '*', component: ':', repetition: '^', segment: '~' },
        });
        const set = new CodeSet(codes);
        for (const s of [scanned(elements), built]) {
          expect(s.id).toBe('CLP');
          expect(s.elements).toEqual(['CLP', ...elements]);
          expect(s.count).toBe(elements.length + 1);
          for (let k = 0; k <= elements.length + 2; k++) {
            const v = s.elements[k];
            expect(s.has(k)).toBe(v !== undefined && v !== '');
            expect(s.value(k)).toBe(v ?? '');
            expect(s.is(k, v ?? 'never')).toBe(v !== undefined);
            expect(s.oneOf(k, codes)).toBe(v !== undefined && codes.includes(v) ? v : undefined);
            expect(s.find(k, set)).toBe(v !== undefined && codes.includes(v) ? v : undefined);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('say they may hold a control character whenever an element holds one, so readers that skip clean segments miss none (property)', () => {
    const unit = fc.constantFrom('A', '1', ' ', 'é', '\u0000', '\u0001', '\u001f', '\u007f', '\t');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 5 }), { maxLength: 8 }), (elements) => {
        const s = scanned(elements);
        const held = elements.some((e) => [...e].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127));
        if (held) expect(s.controls).toBe(true);
        // An ASCII segment with no control character is known clean (the fast path is taken).
        if (!held && elements.every((e) => !e.includes('é'))) expect(s.controls).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('matches long code lists by key exactly as by comparison, the list’s own string coming back (property)', () => {
    // Codes of 1-3 latin1 characters take the keyed path; probes may hold other characters and lengths.
    const code = fc.string({ unit: fc.constantFrom('A', 'B', '1', 'é', '\u0000'), minLength: 1, maxLength: 3 });
    const probe = fc.string({ unit: fc.constantFrom('A', 'B', '1', 'é', '\u0100', '\u0000'), maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(code, { minLength: 5, maxLength: 20 }), probe, fc.string({ maxLength: 3 }), (codes, probe, pad) => {
        const text = `${pad}${probe}${pad}`;
        const found = new CodeSet(codes).find(text, pad.length, pad.length + probe.length);
        const index = codes.indexOf(probe);
        if (index < 0) expect(found).toBeUndefined();
        else expect(found).toBe(codes[index]);
      }),
      { numRuns: 500 },
    );
  });

  it('parses cents in place exactly as from the element string (property)', () => {
    const amount = fc.oneof(
      fc.stringMatching(/^[-+]?\d{0,14}(\.\d{0,4})?$/),
      fc.string({ unit: fc.constantFrom('1', '0', '.', '-', '+', 'E', ' '), maxLength: 22 }),
    );
    fc.assert(
      fc.property(amount, fc.string({ maxLength: 4 }), (raw, pad) => {
        expect(centsAt(`${pad}${raw}${pad}`, pad.length, pad.length + raw.length)).toBe(tryParseCents(raw));
      }),
      { numRuns: 1000 },
    );
  });

  it('serializes as a plain segment, not as the chunk it was read from', () => {
    const s = scanned(['A', '', 'B']);
    expect(JSON.parse(JSON.stringify(s))).toEqual({
      id: 'CLP',
      elements: ['CLP', 'A', '', 'B'],
      byteOffset: ISA.length,
      position: 2,
      delimiters: { element: '*', component: ':', repetition: '^', segment: '~' },
    });
  });
});
