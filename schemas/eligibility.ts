/**
 * What a payer said about a coverage (270/271), stored per coverage and date of service, and the
 * answers built from it: the EligibilityCheck result, the GetEligibility and EstimatePatientCost APIs.
 * Money is integer cents; percents are basis points (2000 = 20%). Ids, codes, cents and dates only:
 * no names, member ids, birth dates or payer free text.
 */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId, isoDate, isoDateTime, nonNegativeCents } from './common.ts';
import { procedureCode } from './codes.ts';

/** An X12 service type code (EB03/EQ01): `30` health benefit plan, `98` professional visit, `86` emergency... */
export const serviceTypeCode = z.string().regex(/^[0-9A-Z]{1,2}$/);

const basisPoints = z.number().int().min(0).max(10_000);

/** What an EB01 says, as a word. */
export const benefitKind = z.enum([
  'active-coverage',
  'inactive',
  'coinsurance',
  'copayment',
  'deductible',
  'out-of-pocket',
  'limitation',
  'non-covered',
  'exclusion',
  'benefit-description',
  'coverage-basis',
  'unlimited',
  'other-payer',
  'primary-care-provider',
  'contact-entity',
  'cannot-process',
  'spend-down',
  'managed-care',
  'other',
]);

/** One EB segment of the 271, for one service type, as codes and amounts. */
export const eligibilityBenefitSchema = z.object({
  serviceType: serviceTypeCode.optional(),
  kind: benefitKind,
  /** EB01 as sent. */
  code: z.string().min(1).max(2),
  /** EB02: `IND`, `FAM`... */
  coverageLevel: z.string().max(3).optional(),
  /** EB04: `C1` commercial, `MB` Medicare Part B... */
  insuranceType: z.string().max(3).optional(),
  amountCents: z.number().int().optional(),
  percentBasisPoints: basisPoints.optional(),
  /** EB06 as a word (`calendar-year`, `remaining`, `visit`...). */
  timePeriod: z.string().max(20).optional(),
  quantity: z.object({ qualifier: z.string().max(2), value: z.string().max(15) }).optional(),
  /** EB12: true in network, false out of network; absent when both or unknown. */
  inNetwork: z.boolean().optional(),
  authorizationRequired: z.boolean().optional(),
});
export type EligibilityBenefit = z.infer<typeof eligibilityBenefitSchema>;

/** What a clerk reads for one service type in or out of network: the plan-wide (30) amounts stand in where the type has none. */
export const serviceBenefitsSchema = z.object({
  serviceType: serviceTypeCode,
  network: z.enum(['in', 'out']),
  copayCents: nonNegativeCents.optional(),
  coinsuranceBps: basisPoints.optional(),
  /** The deductible for the plan year. */
  deductibleCents: nonNegativeCents.optional(),
  deductibleRemainingCents: nonNegativeCents.optional(),
  outOfPocketMaxCents: nonNegativeCents.optional(),
  outOfPocketRemainingCents: nonNegativeCents.optional(),
  authorizationRequired: z.boolean().optional(),
});
export type ServiceBenefits = z.infer<typeof serviceBenefitsSchema>;

/** An AAA the payer sent: where, why (AAA03) and what to do (AAA04). */
export const eligibilityRejectionSchema = z.object({
  level: z.enum(['source', 'receiver', 'subscriber', 'dependent', 'benefit', 'acknowledgment']),
  code: z.string().min(1).max(3),
  reason: z.string().max(100),
  followUpAction: z.string().max(1).optional(),
  retryable: z.boolean(),
});

/** One stored eligibility answer: what the payer said about a coverage for a date of service, when, under which trace number. */
export const eligibilityAnswerSchema = z.object({
  patientId: entityId,
  coverageId: entityId,
  payerId: entityId,
  /** The date of service asked about (the 270's DTP*291). */
  dateOfService: isoDate,
  /** The service types asked (EQ01), sorted. */
  serviceTypeCodes: z.array(serviceTypeCode).min(1).max(99),
  checkedAt: isoDateTime,
  /** The 271's TRN02 (our trace number, echoed). */
  traceNumber: z.string().min(1).max(50),
  interchangeControlNumber: z.string().regex(/^\d{9}$/),
  active: z.boolean(),
  coverageStatus: z.enum(['active', 'inactive', 'unknown']),
  planName: z.string().max(60).optional(),
  groupNumber: z.string().max(50).optional(),
  planBeginDate: isoDate.optional(),
  planEndDate: isoDate.optional(),
  benefits: z.array(eligibilityBenefitSchema).max(200),
  benefitsTruncated: z.boolean(),
  rejections: z.array(eligibilityRejectionSchema).max(50),
  /** The benefits read per service type asked, in and out of network. */
  serviceBenefits: z.array(serviceBenefitsSchema).max(200),
});
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;

/** The EligibilityCheck result: the stored answer, and whether it was asked now or reused from the store. */
export const eligibilityCheckResultSchema = eligibilityAnswerSchema.extend({
  /** `asked`: a 270 went to the payer now; `reused`: a stored answer within the reuse window. */
  source: z.enum(['asked', 'reused']),
  /** The date of service (the same as `dateOfService`; the ClaimLifecycle reads this name). */
  asOfDate: isoDate,
  /** The 271's engine findings (codes and positions only); empty for a reused answer. */
  findings: z.array(
    z.object({
      severity: z.enum(['error', 'warning']),
      code: z.string().max(50),
      segmentId: z.string().max(3).optional(),
      segmentPosition: z.number().int().optional(),
      elementPosition: z.number().int().optional(),
    }),
  ),
});
export type EligibilityCheckResultContract = z.infer<typeof eligibilityCheckResultSchema>;

export const getEligibilityRequest = apiRequestBase.extend({
  patientId: entityId,
  coverageId: entityId,
  /** The date of service; omitted: the answer checked last, whatever its date. */
  dateOfService: isoDate.optional(),
});
export type GetEligibilityRequest = z.infer<typeof getEligibilityRequest>;

export const getEligibilityResponse = z.object({ eligibility: eligibilityAnswerSchema });
export type GetEligibilityResponse = z.infer<typeof getEligibilityResponse>;

/** One planned service to estimate. */
export const plannedServiceSchema = z.object({
  procedureCode,
  /** Service units (may be fractional). */
  units: z.number().positive().max(9999).default(1),
  /** The hospital's charge for the line (all units). */
  chargeCents: nonNegativeCents,
  /** Service type of the benefits that apply (default `98` for E/M visit codes 99202-99499, else `30`). */
  serviceTypeCode: serviceTypeCode.optional(),
});
export type PlannedService = z.infer<typeof plannedServiceSchema>;

export const estimatePatientCostRequest = apiRequestBase.extend({
  patientId: entityId,
  coverageId: entityId,
  dateOfService: isoDate,
  services: z.array(plannedServiceSchema).min(1).max(50),
  /** Whether the providers are in the payer's network (default in). */
  network: z.enum(['in', 'out']).default('in'),
});
export type EstimatePatientCostRequest = z.input<typeof estimatePatientCostRequest>;

/** One step of a line's estimate, in the order applied. */
export const estimateStepSchema = z.object({
  step: z.enum(['allowed', 'deductible', 'coinsurance', 'copay', 'out-of-pocket-cap']),
  amountCents: z.number().int(),
  /** Why, in codes and cents (no PHI), e.g. "deductible: 30000 of 30000 remaining". */
  note: z.string().max(200),
});

export const estimateLineSchema = z.object({
  procedureCode,
  units: z.number().positive(),
  serviceTypeCode,
  chargeCents: nonNegativeCents,
  allowedCents: nonNegativeCents,
  /** Where the allowed amount came from: the payer's allowed-amount table, or the charge when it has none for the code. */
  allowedFrom: z.enum(['fee-schedule', 'charge']),
  deductibleCents: nonNegativeCents,
  coinsuranceCents: nonNegativeCents,
  copayCents: nonNegativeCents,
  patientCents: nonNegativeCents,
  basis: z.array(estimateStepSchema),
});
export type EstimateLine = z.infer<typeof estimateLineSchema>;

export const estimatePatientCostResponse = z.object({
  patientId: entityId,
  coverageId: entityId,
  payerId: entityId,
  dateOfService: isoDate,
  network: z.enum(['in', 'out']),
  /** The stored eligibility answer the estimate reads. */
  basedOn: z.object({ traceNumber: z.string(), checkedAt: isoDateTime, dateOfService: isoDate }),
  /** What remained before these services, from that answer. */
  deductibleRemainingCents: nonNegativeCents,
  outOfPocketRemainingCents: nonNegativeCents.optional(),
  lines: z.array(estimateLineSchema),
  totalChargeCents: nonNegativeCents,
  totalAllowedCents: nonNegativeCents,
  /** What the patient will likely owe. */
  patientCents: nonNegativeCents,
  /** What the payer will likely pay (allowed less the patient's share). */
  insuranceCents: nonNegativeCents,
  /** Caveats in codes and words (inactive coverage, codes without an allowed amount...). */
  notes: z.array(z.string().max(200)),
});
export type EstimatePatientCostResponse = z.infer<typeof estimatePatientCostResponse>;

/** What the nightly re-verification lists: claims not yet sent whose first date of service falls in the next `days` days. */
export const listUpcomingVerificationsRequest = z.object({
  /** How many days ahead, today included (default 3). */
  days: z.number().int().min(1).max(30).default(3),
  /** The day the run counts from (default today, UTC). */
  asOfDate: isoDate.optional(),
  /** The execution that runs it: stamped on each check, so the holds it raises name it. */
  executionId: z.string().min(1).max(2048).optional(),
});
export type ListUpcomingVerificationsRequest = z.input<typeof listUpcomingVerificationsRequest>;

/** One coverage to verify again for one date of service, with the claims that depend on it. */
export const reverificationCheckSchema = z.object({
  patientId: entityId,
  coverageId: entityId,
  providerId: entityId,
  dateOfService: isoDate,
  claimIds: z.array(entityId).min(1).max(100),
  executionId: z.string().min(1).max(2048).optional(),
});
export type ReverificationCheck = z.infer<typeof reverificationCheckSchema>;

export const listUpcomingVerificationsResult = z.object({
  asOfDate: isoDate,
  throughDate: isoDate,
  checks: z.array(reverificationCheckSchema),
  /** True when more claims were due than one run checks (the rest wait for the next night). */
  truncated: z.boolean(),
});
export type ListUpcomingVerificationsResult = z.infer<typeof listUpcomingVerificationsResult>;

export const coverageChange = z.enum(['coverage-ended', 'coverage-restored', 'plan-changed', 'plan-dates-changed', 'cost-share-changed']);

export const reverificationResultSchema = z.object({
  coverageId: entityId,
  dateOfService: isoDate,
  claimIds: z.array(entityId),
  /** `first-answer`: nothing stored before to compare with; `ended`: the payer no longer confirms active coverage. */
  outcome: z.enum(['unchanged', 'first-answer', 'changed', 'ended']),
  changes: z.array(coverageChange),
  traceNumber: z.string(),
  /** The hold items raised (one per claim) when the coverage ended or changed. */
  workItemIds: z.array(entityId),
});
export type ReverificationResult = z.infer<typeof reverificationResultSchema>;
