/**
 * Types of the sandbox payer: the claim as the sandbox adjudicates it, payer plans (fee schedule,
 * coverage and authorization rules), members with their accumulators, and adjudication results.
 * Money is integer cents; coinsurance is in basis points (2000 = 20%). Dates are `YYYY-MM-DD`.
 */
import type { AdjustmentGroup } from '#functions/x12/index.ts';

/** One service line as the sandbox sees it (from an 837P SV1 or 837I SV2). */
export interface SandboxLine {
  lineNumber: number;
  /** CPT/HCPCS code; optional on institutional lines priced by revenue code. */
  procedureCode?: string;
  /** UB-04 revenue code (837I). */
  revenueCode?: string;
  modifiers: string[];
  /** Units as an exact decimal string ("1", "2.5"). */
  units: string;
  chargeCents: number;
  /** Date of service, `YYYY-MM-DD`. */
  serviceDate: string;
}

/** What an earlier payer decided, sent on a secondary claim (837 loop 2320/2430). */
export interface PriorPayerAdjudication {
  payerId: string;
  paidCents: number;
  /** 2330B DTP*573: when the prior payer adjudicated. */
  adjudicatedDate?: string;
  /** Per line (by line number): paid amount and the patient-responsibility amounts by CARC. */
  lines: { lineNumber: number; paidCents: number; adjustments: AdjustmentGroup[] }[];
}

/**
 * A claim as the sandbox adjudicates it. Adjudication uses ids and codes only; the patient's name is
 * carried for the response files (277CA/835 NM1*QC), never logged.
 */
export interface SandboxClaim {
  patient?: { lastName: string; firstName?: string };
  /** CLM01: echoed as CLP01. */
  patientControlNumber: string;
  claimType: '837P' | '837I';
  /** The payer the claim is billed to (a key of the plan catalog). */
  payerId: string;
  memberId: string;
  /** 1 original, 7 replacement, 8 void. */
  frequencyCode: '1' | '7' | '8';
  /** REF*F8 for frequency 7 and 8: the payer claim control number replaced or voided. */
  originalPayerClaimNumber?: string;
  totalChargeCents: number;
  billingProviderNpi: string;
  /** Billing provider's organization name, for the 835 payee and 277CA (not PHI). */
  billingProviderName?: string;
  renderingProviderNpi?: string;
  /** ICD-10-CM codes without the dot, principal first. */
  diagnoses: string[];
  /** REF*G1 prior authorization number. */
  authorizationNumber?: string;
  /** NTE texts; an `SBX-...` note can choose a scenario (see triggers.ts). */
  notes: string[];
  /** CLM05-1: place of service (837P) or facility type (837I). */
  facilityCode?: string;
  lines: SandboxLine[];
  /** Present on secondary claims. */
  priorPayer?: PriorPayerAdjudication;
}

/** Patient-share settings of a benefit plan, per member per plan year. */
export interface CostShare {
  deductibleCents: number;
  /** Coinsurance in basis points, 0..10000. */
  coinsuranceBps: number;
  /** Copay per line for the copay codes of the plan. */
  copayCents: number;
  outOfPocketMaxCents: number;
}

/** What the member has met so far this plan year. */
export interface Accumulators {
  deductibleMetCents: number;
  outOfPocketMetCents: number;
}

export interface SandboxMember {
  memberId: string;
  payerId: string;
  /** Priority of this payer for the member. */
  priority: 'primary' | 'secondary';
  effectiveDate: string;
  terminationDate?: string;
  /** Another payer is primary but the member's record here says this payer is (drives CO-22). */
  otherCoveragePrimary?: boolean;
  costShare: CostShare;
  accumulators: Accumulators;
  /**
   * Prior authorizations the payer issued to this member. When present, a REF*G1 must name one that
   * covers the line's code and date (else CO-197 + N54), and its units are capped (beyond: CO-198).
   * When absent, any authorization number is accepted.
   */
  authorizations?: IssuedAuthorization[];
}

export interface IssuedAuthorization {
  number: string;
  /** CPT/HCPCS or revenue codes it covers. */
  codes: string[];
  validFrom: string;
  validThrough: string;
  /** Units approved per line, when limited. */
  approvedUnits?: number;
}

/** A bundling edit: column-2 code is paid inside the column-1 code on the same date unless a distinct-service modifier is present. */
export interface BundlingEdit {
  column1: string;
  column2: string;
}

/** A medical-necessity policy: the code is covered only with a diagnosis starting with one of the prefixes. */
export interface NecessityPolicy {
  procedureCode: string;
  diagnosisPrefixes: string[];
  /** RARC sent with the CO-50 denial (e.g. N115 for an LCD). */
  remark: string;
}

/** A modifier rule: the modifier is only valid with codes starting with one of the prefixes. */
export interface ModifierRule {
  modifier: string;
  codePrefixes: string[];
}

/** Appeal rule: a denial reason is overturned when the appeal carries the named evidence. */
export interface AppealRule {
  /** `CO-197`, `CO-50`... */
  reason: string;
  /** Evidence kinds that overturn the denial (any one suffices). */
  overturnWith: AppealEvidenceKind[];
}

export type AppealEvidenceKind =
  'authorization-number' | 'medical-records' | 'corrected-modifier' | 'proof-of-timely-filing' | 'primary-eob';

/** A sandbox payer plan: everything the adjudicator needs, as data. */
export interface SandboxPlan {
  payerId: string;
  name: string;
  /** CLP06 claim filing indicator of the 835 (12 PPO, HM HMO, MB Medicare Part B...). */
  claimFilingIndicator: string;
  /** TRN03 / BPR10: the payer's ten-character originator id. */
  originatorId: string;
  /** Allowed amount per unit, by CPT/HCPCS code. A code absent here is not covered (CO-96). */
  feeSchedule: Readonly<Record<string, number>>;
  /** Allowed amount per unit, by revenue code (institutional lines without a priced HCPCS). */
  revenueSchedule: Readonly<Record<string, number>>;
  /** Codes whose lines carry the plan copay instead of none. */
  copayCodes: readonly string[];
  authorizationRequiredCodes: readonly string[];
  necessity: readonly NecessityPolicy[];
  modifierRules: readonly ModifierRule[];
  bundling: readonly BundlingEdit[];
  /** Distinct-service modifiers that unbundle a column-2 code. */
  unbundlingModifiers: readonly string[];
  timelyFilingDays: number;
  /** Days from the remittance to send a corrected (7) or void (8) claim (published in the payer profile). */
  correctedClaimWindowDays: number;
  /** Appeal levels and their filing deadlines in days (published in the payer profile). */
  appealLevels: readonly { level: number; name: string; deadlineDays: number }[];
  /** Prompt-pay: interest is owed on clean claims paid more than this many days after receipt. */
  promptPayDays: number;
  /** Annual interest rate in basis points for late clean claims. */
  interestRateBps: number;
  /** Days a pended claim waits before it is adjudicated. */
  pendDays: number;
  appealRules: readonly AppealRule[];
  /**
   * Rendering providers the payer has not enrolled (credentialed): a claim naming one is rejected at
   * the front door (277CA A7:562, entity 82), which no scrubber can know in advance.
   */
  unenrolledRenderingNpis?: readonly string[];
}

/** One adjustment on a line or claim. */
export interface SandboxAdjustment {
  /** 5010 group codes (CR was retired after 4010; the writer refuses it). */
  group: 'CO' | 'PR' | 'OA' | 'PI';
  reason: string;
  amountCents: number;
}

/** The adjudicated line repeats the billed line's identity, as the 835 SVC echoes it. */
export interface LineAdjudication extends Pick<
  SandboxLine,
  'lineNumber' | 'procedureCode' | 'revenueCode' | 'modifiers' | 'units' | 'chargeCents'
> {
  allowedCents: number;
  paidCents: number;
  adjustments: SandboxAdjustment[];
  /** RARCs for LQ*HE. */
  remarks: string[];
  serviceDate: string;
}

/** The decision on one claim. Every line balances: charge − Σadjustments = paid. */
export interface ClaimAdjudication {
  kind: 'adjudicated';
  patientControlNumber: string;
  payerId: string;
  memberId: string;
  /** For NM1*QC in the 835; absent when the claim carried no name. */
  patient?: { lastName: string; firstName?: string };
  /** CLP02: 1 primary, 2 secondary, 4 denied, 22 reversal. */
  statusCode: '1' | '2' | '4' | '22';
  payerClaimControlNumber: string;
  claimFilingIndicator: string;
  frequencyCode: '1' | '7' | '8';
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  lines: LineAdjudication[];
  /** Claim-level remarks (MOA for professional/outpatient). */
  remarks: string[];
  /** The CARC of a whole-claim denial, e.g. `CO-29`. */
  denialReason?: string;
  /** ISO date the claim was received; interest runs from here. */
  receivedDate: string;
  adjudicatedDate: string;
  /** Patient-share amounts applied to the accumulators (undone by a reversal). */
  accumulatorDelta: Accumulators;
}

export interface PendedClaim {
  kind: 'pended';
  patientControlNumber: string;
  payerId: string;
  /** Date on or after which the claim adjudicates. */
  until: string;
  reason: string;
}

/** A front-door rejection: the claim never enters adjudication (277CA A3/A7). */
export interface RejectedClaim {
  kind: 'rejected';
  patientControlNumber: string;
  payerId: string;
  /** STC01-1 category (A3 or A7), STC01-2 status code and STC01-3 entity. */
  category: 'A3' | 'A7';
  statusCode: string;
  entityCode?: string;
  /** A reason without PHI, e.g. "subscriber id not found". */
  reason: string;
}

export type AdjudicationOutcome = ClaimAdjudication | PendedClaim | RejectedClaim;
