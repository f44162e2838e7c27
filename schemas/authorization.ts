/** A payer's prior authorization for services to one patient: asked for, decided, and used as claims are billed. */
import { z } from 'zod';
import { entityId, isoDate, isoDateTime } from './common.ts';
import { procedureCode } from './codes.ts';

/**
 * Where an authorization stands: `requested` (the 278 is out), `pended` (the payer is still
 * reviewing), `approved`, `partially-approved` (fewer units or a shorter span than asked),
 * `denied`, `expired` (its span ended, or a person retired it). Only the two approved states
 * authorize a claim line.
 */
export const authorizationStatus = z.enum(['requested', 'pended', 'approved', 'partially-approved', 'denied', 'expired']);
export type AuthorizationStatus = z.infer<typeof authorizationStatus>;

/** The states in which an authorization covers claim lines. */
export const AUTHORIZING_STATUSES: readonly AuthorizationStatus[] = ['approved', 'partially-approved'];

const units = z.number().positive().max(1_000_000);

export const authorizationSchema = z
  .object({
    authorizationId: entityId,
    patientId: entityId,
    payerId: entityId,
    /** The coverage it was asked under, when known. */
    coverageId: entityId.optional(),
    /** The number the payer issued (HCR02), billed in REF*G1; absent until the payer issues one. */
    authorizationNumber: z.string().min(1).max(50).optional(),
    status: authorizationStatus,
    /** The services authorized: CPT/HCPCS codes. */
    procedureCodes: z.array(procedureCode).min(1),
    /** UM03 service type asked about (e.g. `AE` physical medicine), when asked through a 278. */
    serviceTypeCode: z
      .string()
      .regex(/^[0-9A-Z]{1,2}$/)
      .optional(),
    /** ICD-10-CM codes the request gave, without the dot. */
    diagnosisCodes: z
      .array(z.string().regex(/^[A-Z0-9]{3,7}$/))
      .max(12)
      .optional(),
    validFrom: isoDate,
    validThrough: isoDate,
    requestedUnits: units.optional(),
    /** Units the payer approved over the span; absent when not limited. */
    approvedUnits: units.optional(),
    /**
     * Units billed against it, per claim (claim id → units). Set, not added: billing the same claim
     * again (a retry, a replacement) leaves one entry, so the sum is the units used.
     */
    billedUnits: z.record(entityId, units).optional(),
    /** Encounters it was obtained for. */
    encounterIds: z.array(entityId).max(100).optional(),
    /** HCR03 / AAA03 code the payer gave for a denial, a pend or a partial approval. */
    decisionReasonCode: z.string().min(1).max(30).optional(),
    /** Our trace number of the 278 (TRN02, BHT03): not PHI. */
    requestTraceNumber: z.string().min(1).max(50).optional(),
    requestedAt: isoDateTime.optional(),
    decidedAt: isoDateTime.optional(),
  })
  .refine((a) => a.validThrough >= a.validFrom, { message: 'authorization ends before it starts', path: ['validThrough'] })
  .refine((a) => !AUTHORIZING_STATUSES.includes(a.status) || a.authorizationNumber !== undefined, {
    message: 'an approved authorization carries the number the payer issued',
    path: ['authorizationNumber'],
  });
export type Authorization = z.infer<typeof authorizationSchema>;

/** Units billed against an authorization, over all its claims (optionally leaving one claim out). */
export function unitsUsed(a: Pick<Authorization, 'billedUnits'>, exceptClaimId?: string): number {
  let total = 0;
  for (const [claimId, n] of Object.entries(a.billedUnits ?? {})) if (claimId !== exceptClaimId) total += n;
  return total;
}

/** Units still available, or undefined when the payer did not limit them. */
export function unitsLeft(a: Pick<Authorization, 'billedUnits' | 'approvedUnits'>, exceptClaimId?: string): number | undefined {
  return a.approvedUnits === undefined ? undefined : a.approvedUnits - unitsUsed(a, exceptClaimId);
}

/** What of a claim line an authorization has to cover: the claim's patient and payer, the line's code and dates. */
export interface CoveredLine {
  readonly patientId: string;
  readonly payerId: string;
  readonly procedureCode?: string | undefined;
  readonly serviceDateFrom: string;
  readonly serviceDateTo: string;
}

/** The authorization is for this patient and payer, lists the line's code and spans its dates (any status). */
export function authorizationCovers(a: Authorization, line: CoveredLine): boolean {
  return (
    a.patientId === line.patientId &&
    a.payerId === line.payerId &&
    line.procedureCode !== undefined &&
    a.procedureCodes.includes(line.procedureCode) &&
    a.validFrom <= line.serviceDateFrom &&
    line.serviceDateTo <= a.validThrough
  );
}

/** The approved authorization (one of AUTHORIZING_STATUSES, with its number) that covers the line, if any. */
export function approvedAuthorizationFor(authorizations: readonly Authorization[], line: CoveredLine): Authorization | undefined {
  return authorizations.find(
    (a) => AUTHORIZING_STATUSES.includes(a.status) && a.authorizationNumber !== undefined && authorizationCovers(a, line),
  );
}

/**
 * The payer's authorization number for each line an approved authorization covers, by line number:
 * what an 837 carries in REF*G1 (the claim's, or each line's on an 837P).
 */
export function authorizationNumbersByLine(
  authorizations: readonly Authorization[],
  claim: {
    readonly patientId: string;
    readonly payerId: string;
    readonly lines: readonly { lineNumber: number; procedureCode?: string | undefined; serviceDateFrom: string; serviceDateTo: string }[];
  },
): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of claim.lines) {
    const a = approvedAuthorizationFor(authorizations, { ...l, patientId: claim.patientId, payerId: claim.payerId });
    if (a?.authorizationNumber !== undefined) out.set(l.lineNumber, a.authorizationNumber);
  }
  return out;
}
