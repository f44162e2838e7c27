/**
 * A payer's 271 (005010X279A1) → a small eligibility summary without PHI, for a workflow to carry.
 *
 * Left out on purpose: names, member ids, dates of birth, addresses, service dates, free-text
 * messages (MSG can hold anything) and related entities (LS/LE loops). Kept: coverage status, plan
 * description (EB05) and group number (REF*6P, a number shared by the employer group, not a
 * member's), the plan's begin and end dates (DTP 346/347, 356/357, 291/292: a clerk checks them
 * against the date of service; they go to the store, never to a log), the benefits as codes and
 * amounts, AAA rejections, and our own trace number.
 */
import { parseX12 } from '#functions/x12/index.ts';
import type { Benefit271, DatePeriod, Eligibility27x, Member, ModelObject, RequestError, Acknowledgment999 } from '#functions/x12/index.ts';
import { isoDate, isRetryableAction, summarizeFindings } from './common.ts';
import type { FindingSummary } from './common.ts';

/** What an EB01 says, as a word a workflow can branch on. */
export type BenefitKind =
  | 'active-coverage'
  | 'inactive'
  | 'coinsurance'
  | 'copayment'
  | 'deductible'
  | 'out-of-pocket'
  | 'limitation'
  | 'non-covered'
  | 'exclusion'
  | 'benefit-description'
  | 'coverage-basis'
  | 'unlimited'
  | 'other-payer'
  | 'primary-care-provider'
  | 'contact-entity'
  | 'cannot-process'
  | 'spend-down'
  | 'managed-care'
  | 'other';

/** One benefit of the 271, for one service type. Amounts in integer cents, percents in basis points. */
export interface BenefitSummary {
  /** EB03 service type (`30` health benefit plan, `98` professional visit...); absent when the EB names none. */
  serviceType?: string;
  kind: BenefitKind;
  /** EB01 as sent. */
  code: string;
  /** EB02: `IND` individual, `FAM` family... */
  coverageLevel?: string;
  /** EB04 insurance type (`C1` commercial, `MB` Medicare Part B...). */
  insuranceType?: string;
  amountCents?: number;
  /** EB08 as basis points (`.2` → 2000). */
  percentBasisPoints?: number;
  /** EB06 as a word (`calendar-year`, `remaining`, `visit`...), or the code when not one we name. */
  timePeriod?: string;
  /** EB09/EB10, e.g. visits (`VS`) or days (`DY`) as an exact decimal string. */
  quantity?: { qualifier: string; value: string };
  /** EB12: true in network, false out of network; absent when both or unknown. */
  inNetwork?: boolean;
  /** EB11. */
  authorizationRequired?: boolean;
}

/** An AAA the payer sent: where, why (AAA03) and what to do (AAA04). */
export interface EligibilityRejection {
  level: 'source' | 'receiver' | 'subscriber' | 'dependent' | 'benefit' | 'acknowledgment';
  code: string;
  reason: string;
  followUpAction?: string;
  /** AAA04 C, P, R, W, X: ask again (after correcting, or later). */
  retryable: boolean;
}

/** The 271 in brief. No PHI: see the module comment for what is left out. */
export interface EligibilityResult {
  /** True when some EB says active coverage (EB01 1-5) and none of the answer was rejected for the member. */
  active: boolean;
  coverageStatus: 'active' | 'inactive' | 'unknown';
  /** Our TRN02 echoed back. */
  traceNumber?: string;
  planName?: string;
  groupNumber?: string;
  /** The plan's (or eligibility's) first day, `YYYY-MM-DD` (DTP 346, 356 or the start of 291). */
  planBeginDate?: string;
  /** The plan's (or eligibility's) last day, `YYYY-MM-DD` (DTP 347, 357 or the end of 291/292). */
  planEndDate?: string;
  benefits: BenefitSummary[];
  /** True when `benefits` was cut at `maxBenefits`. */
  benefitsTruncated: boolean;
  rejections: EligibilityRejection[];
  /** Engine findings (codes and positions only). */
  findings: FindingSummary[];
}

const KINDS: Readonly<Record<string, BenefitKind>> = {
  1: 'active-coverage',
  2: 'active-coverage',
  3: 'active-coverage',
  4: 'active-coverage',
  5: 'active-coverage',
  6: 'inactive',
  7: 'inactive',
  8: 'inactive',
  A: 'coinsurance',
  B: 'copayment',
  C: 'deductible',
  CB: 'coverage-basis',
  D: 'benefit-description',
  E: 'exclusion',
  F: 'limitation',
  G: 'out-of-pocket',
  H: 'unlimited',
  I: 'non-covered',
  L: 'primary-care-provider',
  MC: 'managed-care',
  R: 'other-payer',
  U: 'contact-entity',
  V: 'cannot-process',
  Y: 'spend-down',
};

const TIME_PERIODS: Readonly<Record<string, string>> = {
  6: 'hour',
  7: 'day',
  13: '24-hours',
  21: 'years',
  22: 'service-year',
  23: 'calendar-year',
  24: 'year-to-date',
  25: 'contract',
  26: 'episode',
  27: 'visit',
  28: 'outlier',
  29: 'remaining',
  30: 'exceeded',
  31: 'not-exceeded',
  32: 'lifetime',
  33: 'lifetime-remaining',
  34: 'month',
  35: 'week',
  36: 'admission',
};

/** AAA03 reject reasons of 005010X279A1. */
const AAA_REASONS: Readonly<Record<string, string>> = {
  '04': 'authorized quantity exceeded',
  15: 'required application data missing',
  33: 'input errors',
  35: 'out of network',
  41: 'authorization/access restrictions',
  42: 'unable to respond at current time',
  43: 'invalid/missing provider identification',
  44: 'invalid/missing provider name',
  45: 'invalid/missing provider specialty',
  46: 'invalid/missing provider phone number',
  47: 'invalid/missing provider state',
  48: 'invalid/missing referring provider identification number',
  49: 'provider is not primary care physician',
  50: 'provider ineligible for inquiries',
  51: 'provider not on file',
  52: 'service dates not within provider plan enrollment',
  53: 'inquired benefit inconsistent with provider type',
  54: 'inappropriate product/service id qualifier',
  55: 'inappropriate product/service id',
  56: 'inappropriate date',
  57: 'invalid/missing date(s) of service',
  58: 'invalid/missing date of birth',
  60: 'date of birth follows date(s) of service',
  61: 'date of death precedes date(s) of service',
  62: 'date of service not within allowable inquiry period',
  63: 'date of service in future',
  64: 'invalid/missing patient id',
  65: 'invalid/missing patient name',
  66: 'invalid/missing patient gender code',
  67: 'patient not found',
  68: 'duplicate patient id number',
  69: "inconsistent with patient's age",
  70: "inconsistent with patient's gender",
  71: 'patient birth date does not match that for the patient on the database',
  72: 'invalid/missing subscriber/insured id',
  73: 'invalid/missing subscriber/insured name',
  74: 'invalid/missing subscriber/insured gender code',
  75: 'subscriber/insured not found',
  76: 'duplicate subscriber/insured id number',
  77: 'subscriber found, patient not found',
  78: 'subscriber/insured not in group/plan identified',
  79: 'invalid participant identification',
  80: 'no response received - transaction terminated',
  97: 'invalid or missing provider address',
  98: 'experimental service or procedure',
  AA: 'authorization number not found',
  AE: 'requires primary care physician authorization',
  AF: 'invalid/missing diagnosis code(s)',
  AG: 'invalid/missing procedure code(s)',
  AO: 'additional patient condition information required',
  CI: 'certification information does not match patient',
  E8: 'requires medical review',
  IA: 'invalid authorization number format',
  MA: 'missing authorization',
  T4: 'payer name or identifier missing',
};

/** Basis points from an exact decimal fraction (".2" → 2000, "0.125" → 1250); undefined beyond 1/100 of a percent. */
export function basisPoints(decimal: string): number | undefined {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 4) return undefined;
  return Number(m[1] || '0') * 10_000 + Number(frac.padEnd(4, '0') || '0');
}

/** Plan begin and end from DTP segments: 346/356 begin, 347/357 end, 291/292 a plan period (RD8) or a day (D8). */
export function planDatesOf(dates: readonly DatePeriod[]): { begin?: string; end?: string } {
  const out: { begin?: string; end?: string } = {};
  for (const d of dates) {
    const [from, through] = d.format === 'RD8' ? d.value.split('-') : [d.value, undefined];
    const begin = isoDate(from);
    const end = isoDate(through);
    if (['346', '356'].includes(d.qualifier) && begin) out.begin ??= begin;
    else if (['347', '357'].includes(d.qualifier) && begin) out.end ??= begin;
    else if (['291', '292'].includes(d.qualifier) && d.format === 'RD8') {
      if (begin) out.begin ??= begin;
      if (end) out.end ??= end;
    }
  }
  return out;
}

function rejection(level: EligibilityRejection['level'], e: RequestError): EligibilityRejection | undefined {
  if (!e.rejectReasonCode) return undefined;
  const out: EligibilityRejection = {
    level,
    code: e.rejectReasonCode,
    reason: AAA_REASONS[e.rejectReasonCode] ?? 'unlisted reject reason',
    retryable: isRetryableAction(e.followUpActionCode),
  };
  if (e.followUpActionCode) out.followUpAction = e.followUpActionCode;
  return out;
}

function benefitSummaries(b: Benefit271): BenefitSummary[] {
  const base: BenefitSummary = { kind: KINDS[b.benefitCode] ?? 'other', code: b.benefitCode };
  if (b.coverageLevel) base.coverageLevel = b.coverageLevel;
  if (b.insuranceType) base.insuranceType = b.insuranceType;
  if (b.amountCents !== undefined) base.amountCents = b.amountCents;
  if (b.percent !== undefined) {
    const bps = basisPoints(b.percent);
    if (bps !== undefined) base.percentBasisPoints = bps;
  }
  if (b.timePeriod) base.timePeriod = TIME_PERIODS[b.timePeriod] ?? b.timePeriod;
  if (b.quantityQualifier && b.quantity) base.quantity = { qualifier: b.quantityQualifier, value: b.quantity };
  if (b.inPlanNetwork === 'Y') base.inNetwork = true;
  else if (b.inPlanNetwork === 'N') base.inNetwork = false;
  if (b.authorizationRequired === 'Y') base.authorizationRequired = true;
  else if (b.authorizationRequired === 'N') base.authorizationRequired = false;
  const types = b.serviceTypes?.length ? b.serviceTypes : [undefined];
  return types.map((t) => (t === undefined ? { ...base } : { serviceType: t, ...base }));
}

/** Options of {@link read271}. */
export interface Read271Options {
  /** At most this many benefits are kept (default 200), so the result fits a workflow's payload. */
  maxBenefits?: number;
}

/**
 * Summarizes a 271 reply. A 999 in its place (the payer rejected the 270's syntax) comes back as an
 * `acknowledgment` rejection with the 999's code. Throws the engine's `X12Error` when the reply is
 * not X12 at all.
 */
export function read271(input: string | Uint8Array, options: Read271Options = {}): EligibilityResult {
  const max = options.maxBenefits ?? 200;
  const parsed = parseX12(input, { profile: 'tolerant' });
  const result: EligibilityResult = {
    active: false,
    coverageStatus: 'unknown',
    benefits: [],
    benefitsTruncated: false,
    rejections: [],
    findings: summarizeFindings([...parsed.findings, ...parsed.transactions.flatMap((t) => t.findings)]),
  };
  const codes: string[] = [];
  const memberRejected: boolean[] = [];
  const push = (r: EligibilityRejection | undefined, member = false): void => {
    if (!r) return;
    result.rejections.push(r);
    if (member) memberRejected.push(true);
  };
  const readMember = (m: Member, level: 'subscriber' | 'dependent'): void => {
    for (const e of m.requestErrors ?? []) push(rejection(level, e), true);
    const group = m.references?.find((r) => r.qualifier === '6P')?.value;
    if (group && !result.groupNumber) result.groupNumber = group;
    // Dates of the member, then of its coverage benefits (EB01 1-8): the first found wins.
    const coverageDates = (m.benefits ?? []).filter((b) => /^[1-8]$/.test(b.benefitCode)).flatMap((b) => b.dates ?? []);
    const plan = planDatesOf([...(m.dates ?? []), ...coverageDates]);
    if (plan.begin && !result.planBeginDate) result.planBeginDate = plan.begin;
    if (plan.end && !result.planEndDate) result.planEndDate = plan.end;
    for (const b of m.benefits ?? []) {
      codes.push(b.benefitCode);
      if (!result.planName && KINDS[b.benefitCode] === 'active-coverage' && b.planCoverageDescription)
        result.planName = b.planCoverageDescription;
      for (const e of b.requestErrors ?? []) push(rejection('benefit', e));
      for (const s of benefitSummaries(b)) {
        if (result.benefits.length < max) result.benefits.push(s);
        else result.benefitsTruncated = true;
      }
    }
  };
  for (const t of parsed.transactions) {
    if (t.setId === '999' && t.model) {
      const ack = t.model as unknown as Acknowledgment999;
      for (const set of ack.transactionSets ?? []) {
        const code = set.response.acknowledgmentCode;
        if (code !== 'A' && code !== 'E')
          result.rejections.push({ level: 'acknowledgment', code, reason: 'the payer rejected the 270 (999)', retryable: false });
      }
      if (!ack.transactionSets?.length && !['A', 'E'].includes(ack.groupResponse.acknowledgmentCode))
        result.rejections.push({
          level: 'acknowledgment',
          code: ack.groupResponse.acknowledgmentCode,
          reason: 'the payer rejected the 270 (999)',
          retryable: false,
        });
      continue;
    }
    if (t.setId !== '271' || !t.model) continue;
    const doc = t.model as ModelObject as unknown as Eligibility27x;
    for (const s of doc.sources) {
      for (const e of s.requestErrors ?? []) push(rejection('source', e));
      for (const e of s.source.requestErrors ?? []) push(rejection('source', e));
      for (const r of s.receivers) {
        for (const e of r.receiver.requestErrors ?? []) push(rejection('receiver', e));
        for (const sub of r.subscribers ?? []) {
          const trace = [...(sub.traces ?? []), ...(sub.dependents ?? []).flatMap((d) => d.traces ?? [])][0];
          if (trace && !result.traceNumber) result.traceNumber = trace.traceNumber;
          readMember(sub.member, 'subscriber');
          for (const d of sub.dependents ?? []) readMember(d.member, 'dependent');
        }
      }
    }
  }
  const kinds = codes.map((c) => KINDS[c]);
  if (kinds.includes('active-coverage')) result.coverageStatus = 'active';
  else if (kinds.includes('inactive')) result.coverageStatus = 'inactive';
  result.active = result.coverageStatus === 'active' && memberRejected.length === 0;
  return result;
}
