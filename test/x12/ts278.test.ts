/** The 278 (005010X217) as data: request and response share one definition, told apart by BHT02. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12 } from '#functions/x12/parse.ts';
import { writeInterchange, sequentialControlNumbers } from '#functions/x12/interchange-writer.ts';
import { TS278 } from '#functions/x12/definitions/ts278.ts';
import { findDefinition } from '#functions/x12/registry.ts';
import { EXAMPLE_278_REQUEST, EXAMPLE_278_RESPONSE, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { exampleInterchange } from '#infra/cli/commands/x12.ts';
import { errors, fixture } from './helpers.ts';

const write = (model: ModelObject): string => writeInterchange(EXAMPLE_PARTIES, [{ def: TS278, model }], sequentialControlNumbers());

function read(text: string): { model: unknown; errors: string[] } {
  const r = parseX12(text, { strict: true });
  const t = r.transactions[0];
  return {
    model: t?.model,
    errors: [...r.findings, ...(t?.findings ?? [])].filter((f) => f.severity === 'error').map((f) => f.code),
  };
}

/** Writes the model, then edits the X12 text (so that the writer's own rule checks do not stop the mutant). */
function mutate(model: ModelObject, edit: (x12: string) => string): string[] {
  const text = edit(write(model).replaceAll('\n', ''));
  const segments = text.split('~').map((s) => s.trim());
  const count = segments.findIndex((s) => s.startsWith('SE*')) - segments.findIndex((s) => s.startsWith('ST*')) + 1;
  const recounted = text.replace(/SE\*\d+\*/, `SE*${count}*`);
  return read(recounted).errors;
}

describe('278 definition', () => {
  it('is found for ST*278 with 005010X217', () => {
    expect(findDefinition('278', '005010X217')).toBe(TS278);
    expect(TS278.functionalId).toBe('HI');
  });

  it.each([
    ['request', EXAMPLE_278_REQUEST],
    ['response', EXAMPLE_278_RESPONSE],
  ])('writes the %s example so that the strict reader reads back the same model without findings', (_n, example) => {
    const text = write(example);
    expect(text).toContain('ST*278*0001*005010X217~');
    const back = read(text);
    expect(back.errors).toEqual([]);
    expect(back.model).toEqual(example);
  });

  it("the mutation suite's base file is what `rcm x12 example 278-response` writes today", () => {
    expect(readFileSync(new URL('../fixtures/engine/278-response.x12', import.meta.url), 'latin1')).toBe(
      exampleInterchange('278-response'),
    );
  });

  it('places the levels as X217 nests them: UMO 20, requester 21, subscriber 22, patient event EV, service SS', () => {
    const hls = write(EXAMPLE_278_REQUEST)
      .split('~')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('HL*'));
    expect(hls).toEqual(['HL*1**20*1', 'HL*2*1*21*1', 'HL*3*2*22*1', 'HL*4*3*EV*1', 'HL*5*4*SS*0']);
  });

  it('rejects a request that carries a decision, and a response that decides nothing', () => {
    expect(mutate(EXAMPLE_278_REQUEST, (t) => t.replace('UM*HS*I*AE*11:B~', 'UM*HS*I*AE*11:B~HCR*A1*X1~'))).toContain(
      'X217_REQUEST_CARRIES_DECISION',
    );
    expect(mutate(EXAMPLE_278_RESPONSE, (t) => t.replaceAll('HCR*A2*AUTH000123~', ''))).toContain('X217_RESPONSE_WITHOUT_DECISION');
  });

  it('finds the mutants a conformance checker must: unknown action code, missing UM, bad date, element too long, swapped segments', () => {
    const cases: [ModelObject, (t: string) => string][] = [
      [EXAMPLE_278_RESPONSE, (t) => t.replace('HCR*A2*AUTH000123~DTP*102', 'HCR*Z9*AUTH000123~DTP*102')],
      [EXAMPLE_278_REQUEST, (t) => t.replace('UM*HS*I*AE*11:B~', '')],
      [EXAMPLE_278_REQUEST, (t) => t.replace('DTP*472*RD8*20260110-20260409', 'DTP*472*RD8*20261310-20260409')],
      [EXAMPLE_278_RESPONSE, (t) => t.replace('HCR*A2*AUTH000123~DTP*102', `HCR*A2*${'9'.repeat(51)}~DTP*102`)],
      [EXAMPLE_278_REQUEST, (t) => t.replace('UM*HS*I*AE~DTP*472*RD8*20260110-20260409~', 'DTP*472*RD8*20260110-20260409~UM*HS*I*AE~')],
      [EXAMPLE_278_REQUEST, (t) => t.replace('BHT*0007*13*', 'BHT*0007*99*')],
      [EXAMPLE_278_REQUEST, (t) => t.replace('NM1*X3*2*', 'NM1*X3*7*')],
    ];
    for (const [model, edit] of cases) {
      const text = edit(write(model).replaceAll('\n', ''));
      expect(text).not.toBe(write(model).replaceAll('\n', ''));
      expect(mutate(model, edit)).not.toEqual([]);
    }
  });

  it('round-trips generated requests and responses exactly (property)', () => {
    const code = fc.constantFrom('97110', '97140', '72148', '29881', '70553');
    const units = fc.integer({ min: 1, max: 60 }).map(String);
    const service = (response: boolean) =>
      fc.record({ code, units, action: fc.constantFrom('A1', 'A2', 'A3', 'A4') }).map(({ code: c, units: q, action }) => ({
        review: { requestCategory: 'HS', serviceType: 'AE', ...(response ? {} : { certificationType: 'I' }) },
        ...(response
          ? {
              decision: {
                actionCode: action,
                ...(action === 'A3' || action === 'A4' ? { reasonCode: '0U' } : { reviewNumber: `AUTH${q}` }),
              },
            }
          : {}),
        professional: { procedure: { qualifier: 'HC', code: c }, unitBasis: 'UN', quantity: q },
      }));
    const model = fc.boolean().chain((response) =>
      fc.array(service(response), { minLength: 1, maxLength: 4 }).map((services) => {
        const base = (response ? EXAMPLE_278_RESPONSE : EXAMPLE_278_REQUEST) as {
          umo: { requester: { subscriber: { event: Record<string, unknown> } } };
        };
        const event = { ...base.umo.requester.subscriber.event, services };
        return {
          ...(response ? EXAMPLE_278_RESPONSE : EXAMPLE_278_REQUEST),
          umo: { ...base.umo, requester: { ...base.umo.requester, subscriber: { ...base.umo.requester.subscriber, event } } },
        } as ModelObject;
      }),
    );
    fc.assert(
      fc.property(model, (m) => {
        const back = read(write(m));
        expect(back.errors).toEqual([]);
        expect(back.model).toEqual(m);
      }),
      { numRuns: 100 },
    );
  });
});

describe("278 (X217) segments and levels the TR3's own examples carry (stupidedi's held-out fixtures)", () => {
  /** A stupidedi fixture from ISA on, line breaks dropped. */
  const tr3 = (path: string): string => {
    const t = fixture(`stupidedi/005010/X217-HI278/${path}`).toString('latin1');
    return t.slice(t.indexOf('ISA*')).replace(/\r?\n/g, '');
  };

  it('2000E CL1 (an admission, scenario 2): read; CL104 stays Not Used', () => {
    const text = tr3('pass/2.edi');
    expect(errors(text)).toEqual([]);
    expect(errors(text.replace('CL1*2~', 'CL1*2***1~'))).toEqual(['UNUSED_ELEMENT:CL14']);
  });

  it('2000E CR6 (home health, scenario 4b): read; its start of care is required', () => {
    const text = tr3('pass/4b.edi');
    expect(errors(text)).toEqual([]);
    expect(errors(text.replace('CR6*1*20050502*', 'CR6*1**'))).toEqual(['MISSING_ELEMENT:CR62']);
  });

  it('2000E CRC, CR1 and the 2010EC transport locations (scenario 5): read; CR107 and NM108 there stay Not Used', () => {
    const text = tr3('pass/5.edi');
    expect(errors(text)).toEqual([]);
    expect(errors(text.replace('CR1***X*D*DH*27*', 'CR1***X*D*DH*27*1'))).toEqual(['UNUSED_ELEMENT:CR17']);
    expect(errors(text.replace('NM1*PW*2*HOME~', 'NM1*PW*2*HOME*****XX*1234567893~'))).toEqual([
      'UNUSED_ELEMENT:NM18',
      'UNUSED_ELEMENT:NM19',
    ]);
  });

  it('2000E PWK (a pended response, scenario 3r): read; PWK02 is required', () => {
    const text = tr3('pass/3r.edi');
    expect(errors(text)).toEqual([]);
    expect(errors(text.replace('PWK*AS*VO~', 'PWK*AS~'))).toEqual(['MISSING_ELEMENT:PWK2']);
  });

  it("a request's services may leave UM to their event (scenario 4b); the event itself may not", () => {
    const text = tr3('pass/4b.edi');
    expect(text).toContain('HL*5*4*SS*0~SV1*HC:G0154~');
    expect(errors(text)).toEqual([]);
    const withoutEventReview = text.replace('UM*HS*I**12:B*****Y~', '').replace('SE*21*', 'SE*20*');
    expect(errors(withoutEventReview)).toEqual(['X217_REQUEST_WITHOUT_REVIEW:ST']);
  });
});
