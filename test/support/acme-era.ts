/**
 * An 835 from the test payer ACME (payer id PAYER-ACME, as payerProfile() builds it) to the test
 * hospital: one payment, one interchange, for the posting scenarios that write their own claims.
 */
import { formatCents } from '#functions/x12/decimal.ts';

/** One payment `trace` of `paidCents` holding these segments after LX (CLP, CAS, NM1...), in interchange `control`. */
export function acmeEra(trace: string, paidCents: number, claimSegments: readonly string[], control: number): Uint8Array {
  const body = [
    `BPR*I*${formatCents(paidCents)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260401`,
    `TRN*1*${trace}*1512345678`,
    'N1*PR*ACME HEALTH PLAN*XV*PAYER-ACME',
    'N1*PE*TEST GENERAL HOSPITAL*XX*1234567893',
    'LX*1',
    ...claimSegments,
  ];
  const isa13 = String(control).padStart(9, '0');
  return new TextEncoder().encode(
    [
      `ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*TESTHOSP       *260401*0900*^*00501*${isa13}*0*T*:`,
      `GS*HP*ACMEPAYER*TESTHOSP*20260401*0900*${control}*X*005010X221A1`,
      'ST*835*0001',
      ...body,
      `SE*${body.length + 2}*0001`,
      `GE*1*${control}`,
      `IEA*1*${isa13}`,
    ].join('~') + '~',
  );
}
