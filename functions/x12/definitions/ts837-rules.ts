/**
 * The 837's cross-element rules, as loop rules the one engine checks: a corrected or void claim names
 * the claim it replaces, the claim charge is the sum of its lines, and prior-payer amounts balance.
 */
import type { LoopRule } from '#functions/x12/schema.ts';

/** CLM05-3 = 7 (replacement) or 8 (void) must carry the payer's claim control number in REF*F8. */
export const correctedClaimNeedsF8: LoopRule = {
  code: 'MISSING_ORIGINAL_REFERENCE',
  expected: 'REF*F8 (payer claim control number) on a replacement (7) or void (8) claim',
  holds: (claim) => {
    const frequency = (claim.facility as { frequencyCode?: string } | undefined)?.frequencyCode;
    if (frequency !== '7' && frequency !== '8') return true;
    return ((claim.references as { qualifier: string }[] | undefined) ?? []).some((r) => r.qualifier === 'F8');
  },
};

interface AdjustmentsLike {
  adjustments?: { adjustments?: { amountCents?: number }[] }[];
}
interface LineLike {
  professional?: { chargeCents?: number };
  institutional?: { chargeCents?: number };
  adjudications?: (AdjustmentsLike & { otherPayerId?: string; paidCents?: number; bundledLineNumber?: number })[];
}
interface ClaimLike extends Record<string, unknown> {
  totalChargeCents?: number;
  serviceLines?: LineLike[];
  otherSubscribers?: (AdjustmentsLike & { amounts?: { qualifier?: string; amountCents?: number }[]; payer?: { id?: string } })[];
}

/** Sum of the amounts of a list of CAS segments (every triplet). */
function casTotal(holder: AdjustmentsLike): number {
  let total = 0;
  for (const cas of holder.adjustments ?? []) for (const t of cas.adjustments ?? []) total += t.amountCents ?? 0;
  return total;
}

const lineCharge = (line: LineLike): number | undefined => (line.professional ?? line.institutional)?.chargeCents;

/** CLM02 is the sum of the line charges (SV102 in 837P, SV203 in 837I). */
export const chargeIsSumOfLines: LoopRule = {
  code: 'CLAIM_CHARGE_SUM',
  expected: 'CLM02 to equal the sum of the service line charges (SV102/SV203)',
  holds: (loop) => {
    const claim = loop as ClaimLike;
    if (!Number.isInteger(claim.totalChargeCents)) return true; // a missing or malformed CLM02 is its own finding
    let sum = 0;
    for (const line of claim.serviceLines ?? []) {
      const charge = lineCharge(line);
      if (charge === undefined) return true; // a missing charge is its own finding
      sum += charge;
    }
    return sum === claim.totalChargeCents;
  },
};

/**
 * Coordination of benefits, line level: for each prior payer's adjudication of a line (2430), SVD02
 * plus its CAS amounts equals the line charge. Bundled/unbundled lines (SVD06) are exempt.
 */
export const lineAdjudicationBalances: LoopRule = {
  code: 'LINE_ADJUDICATION_BALANCE',
  expected: 'SVD02 plus the 2430 CAS amounts to equal the line charge (SV102/SV203)',
  holds: (loop) => {
    const line = loop as LineLike;
    const charge = lineCharge(line);
    if (charge === undefined) return true;
    return (line.adjudications ?? []).every(
      (a) => a.bundledLineNumber !== undefined || a.paidCents === undefined || a.paidCents + casTotal(a) === charge,
    );
  },
};

/**
 * Coordination of benefits, claim level: for each prior payer (2320) that reports its payment
 * (AMT*D), that amount plus its 2320 CAS amounts plus the 2430 CAS amounts of the lines it
 * adjudicated (SVD01 = its 2330B NM109) equals CLM02.
 */
export const priorPayerBalances: LoopRule = {
  code: 'PRIOR_PAYER_BALANCE',
  expected: "each prior payer's AMT*D plus its 2320 and 2430 CAS amounts to equal CLM02",
  holds: (loop) => {
    const claim = loop as ClaimLike;
    if (!Number.isInteger(claim.totalChargeCents)) return true; // a missing or malformed CLM02 is its own finding
    for (const payer of claim.otherSubscribers ?? []) {
      const paid = payer.amounts?.find((a) => a.qualifier === 'D')?.amountCents;
      if (paid === undefined) continue;
      let lineAdjustments = 0;
      for (const line of claim.serviceLines ?? [])
        for (const a of line.adjudications ?? []) if (a.otherPayerId === payer.payer?.id) lineAdjustments += casTotal(a);
      if (paid + casTotal(payer) + lineAdjustments !== claim.totalChargeCents) return false;
    }
    return true;
  },
};

/**
 * One kind of HI segment of a guide: the qualifiers its first code (HI01-01) may carry, those of its
 * later codes (HI02-01...), how many codes and how many such segments a claim may carry.
 */
export interface HealthCareCodeKind {
  readonly name: string;
  readonly first: readonly string[];
  readonly rest: readonly string[];
  readonly maxCodes: number;
  readonly maxSegments: number;
  /**
   * The code's parts past its qualifier and code: `date` a date in this format (HI0n-03/-04, required),
   * `amount` an amount (HI0n-05, required), `presentOnAdmission` HI0n-09 situational; every other part
   * is Not Used for this kind. Left out: the parts are not checked (the definition's composite decides).
   */
  readonly parts?: { readonly date?: string; readonly amount?: true; readonly presentOnAdmission?: true };
}

interface HealthCareCode {
  qualifier?: string;
  dateFormat?: string;
  date?: string;
  amountCents?: number;
  presentOnAdmission?: string;
  [part: string]: unknown;
}
type HealthCareCodes = { codes?: { code?: HealthCareCode }[] }[];

const CODE_PARTS = ['dateFormat', 'date', 'amountCents', 'quantity', 'version', 'rangeEndCode', 'presentOnAdmission'] as const;

/** Whether a code carries the parts its kind requires and no part the kind leaves unused. */
function partsFit(code: HealthCareCode, parts: NonNullable<HealthCareCodeKind['parts']>): boolean {
  const allowed = new Set<string>();
  if (parts.date !== undefined) {
    if (code.dateFormat !== parts.date || code.date === undefined) return false;
    allowed.add('dateFormat').add('date');
  }
  if (parts.amount) {
    if (code.amountCents === undefined) return false;
    allowed.add('amountCents');
  }
  if (parts.presentOnAdmission) allowed.add('presentOnAdmission');
  return CODE_PARTS.every((k) => allowed.has(k) || code[k] === undefined);
}

/**
 * The guides' separate HI segments, checked on the one generic HI the definition reads (model
 * `healthCareCodes`, read by writers and submission code alike): the first HI is the principal
 * diagnosis (`kinds[0]`, required); every other HI is one of the other kinds, told by its first
 * qualifier, with its later qualifiers from that kind's list, within its code count and segment count,
 * each code with the parts its kind uses (a date, an amount, a present-on-admission indicator).
 * A qualifier of no kind is an INVALID_CODE at its component (the composite's code list): such a
 * claim is left to that finding, so that one defect makes one finding.
 */
export function healthCareCodesByKind(kinds: readonly [HealthCareCodeKind, ...HealthCareCodeKind[]]): LoopRule {
  const [principal] = kinds;
  const known = new Set(kinds.flatMap((k) => [...k.first, ...k.rest]));
  return {
    code: 'HEALTH_CARE_CODE_KIND',
    expected:
      `the first HI to be the ${principal.name} (HI01-01 ${principal.first.join(' or ')}) and each other HI one kind ` +
      `(${kinds
        .slice(1)
        .map((k) => k.first.join('/'))
        .join(', ')}) with its own qualifiers, code count and HI count`,
    holds: (claim) => {
      const his = (claim.healthCareCodes as HealthCareCodes | undefined) ?? [];
      const counts = new Map<HealthCareCodeKind, number>();
      for (const [i, hi] of his.entries()) {
        const codes = (hi.codes ?? []).map((c) => c.code ?? {});
        const qualifiers = codes.map((c) => c.qualifier);
        const [first, ...rest] = qualifiers;
        // A missing HI01 or a qualifier of no kind is its own finding, at its element.
        if (first === undefined || !qualifiers.every((q) => q === undefined || known.has(q))) return true;
        const kind = i === 0 ? principal : kinds.find((k, n) => n > 0 && k.first.includes(first));
        if (kind === undefined || !kind.first.includes(first)) return false;
        if (qualifiers.length > kind.maxCodes) return false;
        if (!rest.every((q) => q === undefined || kind.rest.includes(q))) return false;
        const parts = kind.parts;
        if (parts !== undefined && !codes.every((c) => partsFit(c, parts))) return false;
        const n = (counts.get(kind) ?? 0) + 1;
        if (n > kind.maxSegments) return false;
        counts.set(kind, n);
      }
      return counts.has(principal);
    },
  };
}
