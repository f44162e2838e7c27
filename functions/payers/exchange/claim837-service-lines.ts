/** Loop 2400: the service lines of a claim (SV1 on an 837P, SV2 on an 837I), with their 2430 adjudications. Pure. */
import type { Reference, ServiceLine837 } from '#functions/x12/index.ts';
import { period, quantity } from './common.ts';
import { modifiers } from './claim837-elements.ts';
import { lineAdjudication } from './claim837-other-payer.ts';
import type { Claim837Input } from './claim837-types.ts';

/** Accommodation revenue codes (room and board, 0100-0219) are billed in days. */
const isAccommodation = (revenueCode: string): boolean => /^0(1\d\d|20\d|21\d)$/.test(revenueCode);

/**
 * The 2400 loops of a claim. `claimPos` is the claim's place of service (SV105 only where a line differs);
 * `lineAuths`, when given, puts each line's authorization on the line (REF*G1).
 */
export function serviceLines(input: Claim837Input, claimPos: string, lineAuths: Map<number, string> | undefined): ServiceLine837[] {
  const { claim } = input;
  return claim.lines.map((l) => {
    const units = quantity(l.units) ?? '1';
    const out: ServiceLine837 = {};
    if (claim.claimType === '837P') {
      const [p1, p2, p3, p4] = l.diagnosisPointers;
      out.professional = {
        procedure: { qualifier: 'HC', code: l.procedureCode ?? '', ...modifiers(l.modifiers) },
        chargeCents: l.chargeCents,
        unitBasis: 'UN',
        quantity: units,
        // SV107 is required; a line without pointers points at the principal diagnosis.
        diagnosisPointers: {
          pointer1: p1 ?? 1,
          ...(p2 ? { pointer2: p2 } : {}),
          ...(p3 ? { pointer3: p3 } : {}),
          ...(p4 ? { pointer4: p4 } : {}),
        },
      };
      if (l.placeOfService && l.placeOfService !== claimPos) out.professional.placeOfService = l.placeOfService;
    } else {
      const revenueCode = l.revenueCode ?? '';
      out.institutional = {
        revenueCode,
        chargeCents: l.chargeCents,
        unitBasis: isAccommodation(revenueCode) ? 'DA' : 'UN',
        quantity: units,
      };
      if (l.procedureCode) out.institutional.procedure = { qualifier: 'HC', code: l.procedureCode, ...modifiers(l.modifiers) };
    }
    out.dates = [period('472', l.serviceDateFrom, l.serviceDateTo)];
    const references: Reference[] = [{ qualifier: '6R', value: String(l.lineNumber) }];
    const auth = lineAuths?.get(l.lineNumber);
    if (auth) references.unshift({ qualifier: 'G1', value: auth });
    out.references = references;
    if (input.primaryAdjudication) {
      const adj = lineAdjudication(l, input, input.primaryAdjudication);
      if (adj) out.adjudications = [adj];
    }
    return out;
  });
}
