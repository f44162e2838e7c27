/**
 * The compiled segment readers (functions/x12/segment-reader.ts) take fast paths on the bytes and
 * hand anything they cannot accept to the generic element reader: their models and findings must be
 * the generic reading's exactly, for every segment of every supported guide, valid or damaged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '#functions/x12/errors.ts';
import { readSegmentCompiled, readSegmentGeneric } from '#functions/x12/reader.ts';
import type { ElementDef, LoopDef, SegmentDef } from '#functions/x12/schema.ts';
import { TS835 } from '#functions/x12/definitions/ts835.ts';
import { TS270, TS271 } from '#functions/x12/definitions/ts271.ts';
import { TS276, TS277 } from '#functions/x12/definitions/ts277.ts';
import { TS277CA } from '#functions/x12/definitions/ts277ca.ts';
import { TS999 } from '#functions/x12/definitions/ts999.ts';
import { TS837I, TS837P } from '#functions/x12/definitions/ts837.ts';
import { TS278 } from '#functions/x12/definitions/ts278.ts';
import { tokenize } from '#functions/x12/tokenizer.ts';
import type { Segment } from '#functions/x12/tokenizer.ts';

/** Every segment definition of the supported guides, once each. */
function segmentDefs(): SegmentDef[] {
  const out = new Set<SegmentDef>();
  const walk = (loop: LoopDef): void => {
    for (const c of loop.children)
      if (c.kind === 'loop') walk(c);
      else out.add(c);
  };
  for (const def of [TS835, TS270, TS271, TS276, TS277, TS277CA, TS999, TS837P, TS837I, TS278]) walk(def.root);
  return [...out];
}

const DEFS = segmentDefs();

/** The element definitions by X12 position (1-based), groups unrolled. */
function positions(def: SegmentDef): ElementDef[] {
  const out: ElementDef[] = [];
  for (const spec of def.elements) {
    if (spec.kind === 'group') for (let g = 0; g < spec.count; g++) out.push(...spec.elements);
    else out.push(spec);
  }
  return out;
}

const JUNK = [...'AZ09.-+ :^', '\u0001', '\u007f'];

/** A plausible value of `e` (often valid), or damage: empty, junk, too long, a control character. */
function value(e: ElementDef): fc.Arbitrary<string> {
  const valid: fc.Arbitrary<string>[] = [];
  if (e.fixed !== undefined) valid.push(fc.constant(e.fixed));
  if (e.codes?.length) valid.push(fc.constantFrom(...e.codes));
  if (e.components)
    valid.push(
      fc.array(fc.oneof(fc.constant(''), ...e.components.map(value)), { maxLength: e.components.length + 1 }).map((c) => c.join(':')),
    );
  switch (e.type) {
    case '$':
      valid.push(fc.constantFrom('0', '12.5', '-3.07', '100.00', '1.234', '99999999999', '.5', '1.'));
      break;
    case 'R':
    case 'N0':
      valid.push(fc.constantFrom('1', '12', '-4', '3.5', '1234567890123456', '1..2'));
      break;
    case 'DT':
      valid.push(fc.constantFrom('20260105', '260105', '20260230', '2026010', '20241329'));
      break;
    case 'TM':
      valid.push(fc.constantFrom('0930', '093015', '2460', '09301', '0930155'));
      break;
    default:
      valid.push(fc.constantFrom('D8', 'RD8', '20260105', '20260101-20260105', 'X'.repeat(Math.max(1, e.min)), 'Y'.repeat(e.max + 1)));
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...valid) },
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...JUNK), maxLength: 6 }) },
    { weight: 1, arbitrary: fc.oneof(...valid).map((v) => `${v}\u0001`) },
    { weight: 1, arbitrary: fc.oneof(...valid).map((v) => `${v}^${v}`) },
  );
}

/** One segment of `def` as text: its id, then values at every position (sometimes fewer or more). */
const segmentText = fc.constantFrom(...DEFS).chain((def) => {
  const els = positions(def);
  return fc.tuple(fc.tuple(...els.map(value)), fc.integer({ min: 0, max: els.length + 2 }), fc.boolean()).map(([values, cut, whole]) => {
    const kept = whole ? values : values.slice(0, cut);
    const extra = cut > els.length && whole ? ['EXTRA'] : [];
    return { def, text: [def.id, ...kept, ...extra].join('*') };
  });
});

/** Reads text as a segment of a one-segment interchange, by the scanner (offsets, controls flag). */
function scan(text: string): Segment {
  const isa = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *260105*0930*^*00501*000000001*0*T*:~';
  return tokenize(`${isa}${text}~`)[1] as Segment;
}

function read(how: typeof readSegmentGeneric, def: SegmentDef, segment: Segment): { model: unknown; findings: Finding[] } {
  const findings: Finding[] = [];
  const reporter = {
    report(severity: Severity, code: string, message: string, s: Segment, elementPosition?: number, componentPosition?: number): void {
      findings.push({
        severity,
        code,
        message,
        byteOffset: s.byteOffset,
        segmentPosition: s.position,
        segmentId: s.id,
        elementPosition,
        componentPosition,
      });
    },
  };
  return { model: how(def, segment, reporter), findings };
}

describe('compiled segment readers', () => {
  it('read every segment of every guide as the generic reader does: same model (keys in the same order), same findings', () => {
    fc.assert(
      fc.property(segmentText, ({ def, text }) => {
        const segment = scan(text);
        const compiled = read(readSegmentCompiled, def, segment);
        const generic = read(readSegmentGeneric, def, segment);
        expect(compiled.findings).toStrictEqual(generic.findings);
        expect(compiled.model).toStrictEqual(generic.model);
        expect(JSON.stringify(compiled.model)).toBe(JSON.stringify(generic.model));
      }),
      { numRuns: 4000 },
    );
  });
});
