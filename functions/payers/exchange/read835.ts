/**
 * An 835 claim (CLP loop with its services) as the engine reads it → our remittance claim record
 * (schemas/remittance.ts), which the posting rules in functions/accounts take. Pure: no AWS, no clock.
 *
 * Choices where the 835 and our contract differ:
 * - line number: REF*6R (we send the line number there, see claim837.ts) when every service of the
 *   claim carries a distinct positive integer; otherwise the service's position. Posting keys are per
 *   line, so two services must never share a number.
 * - procedure code: SVC01 with qualifier HC (CPT/HCPCS) only; revenue-code lines (NU) have none.
 * - remarks: LQ*HE of a service, MOA/MIA remark codes of the claim; other remark lists (RX) are skipped.
 * A claim that does not fit the contract throws {@link RemittanceClaimError} naming fields, never values.
 */
import { remittanceClaimSchema } from '#schemas/remittance.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import type { AdjustmentGroup, Claim835, Service835 } from '#functions/x12/index.ts';

/** The claim's data breaks our remittance contract (e.g. an unknown CLP02 or CAS group code). */
export class RemittanceClaimError extends Error {
  /** Field paths at fault, e.g. `statusCode`, `lines.1.adjustments.0.group`. */
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(
      `835 claim does not fit the remittance contract: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`,
    );
    this.name = 'RemittanceClaimError';
    this.issues = issues;
  }
}

const REMARK = /^(M|MA|N)\d{1,4}$/;

function adjustmentsOf(groups: readonly AdjustmentGroup[] | undefined): RemittanceClaim['adjustments'] {
  return (groups ?? []).flatMap((g) =>
    (g.adjustments ?? []).map((a) => ({
      group: g.groupCode as RemittanceClaim['adjustments'][number]['group'],
      reasonCode: a.reasonCode,
      amountCents: a.amountCents,
    })),
  );
}

function claimRemarks(c: Claim835): string[] {
  const out: string[] = [];
  for (const block of [c.outpatientAdjudication, c.inpatientAdjudication] as (Record<string, unknown> | undefined)[]) {
    if (!block) continue;
    for (const key of ['remarkCode1', 'remarkCode2', 'remarkCode3', 'remarkCode4', 'remarkCode5']) {
      const code = block[key];
      if (typeof code === 'string' && REMARK.test(code)) out.push(code);
    }
  }
  return out;
}

function serviceRemarks(s: Service835): string[] {
  return (s.remarks ?? []).filter((r) => r.codeListQualifier === 'HE' && REMARK.test(r.code)).map((r) => r.code);
}

/** Line numbers from REF*6R when they are distinct positive integers, else positions. */
function lineNumbers(services: readonly Service835[]): number[] {
  const fromRef = services.map((s) => {
    const value = s.references?.find((r) => r.qualifier === '6R')?.value;
    return value !== undefined && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  });
  const usable = fromRef.every((n) => Number.isInteger(n) && n >= 1) && new Set(fromRef).size === fromRef.length;
  return usable ? fromRef : services.map((_, i) => i + 1);
}

/** A claim of an 835 as the posting side stores it. Throws {@link RemittanceClaimError} when it does not fit. */
export function remittanceClaimOf(c: Claim835): RemittanceClaim {
  const services = c.services ?? [];
  const numbers = lineNumbers(services);
  const candidate = {
    patientControlNumber: c.patientControlNumber,
    statusCode: c.statusCode,
    chargeCents: c.chargeCents,
    paidCents: c.paymentCents,
    patientResponsibilityCents: c.patientResponsibilityCents ?? 0,
    payerClaimControlNumber: c.payerClaimControlNumber,
    adjustments: adjustmentsOf(c.adjustments),
    remarks: claimRemarks(c),
    lines: services.map((s, i) => ({
      lineNumber: numbers[i],
      ...(s.procedure?.qualifier === 'HC' ? { procedureCode: s.procedure.code } : {}),
      modifiers:
        s.procedure?.qualifier === 'HC'
          ? [s.procedure.modifier1, s.procedure.modifier2, s.procedure.modifier3, s.procedure.modifier4].filter(
              (m): m is string => m !== undefined,
            )
          : [],
      chargeCents: s.chargeCents,
      paidCents: s.paymentCents,
      adjustments: adjustmentsOf(s.adjustments),
      remarks: serviceRemarks(s),
    })),
  };
  const parsed = remittanceClaimSchema.safeParse(candidate);
  if (!parsed.success) throw new RemittanceClaimError(parsed.error.issues.map((i) => `${i.path.join('.') || '(claim)'}: ${i.message}`));
  return parsed.data;
}
