/**
 * The eligibility APIs other services call: GetEligibility (the payer's latest stored answer about a
 * coverage) and EstimatePatientCost (what the patient will likely owe for planned services, from that
 * answer and the payer's fee schedule, line by line). Each records what it disclosed.
 */
import type { z } from 'zod';
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { PhiAccess } from '#schemas/api.ts';
import type {
  estimatePatientCostRequest,
  EligibilityAnswer,
  EstimatePatientCostResponse,
  GetEligibilityRequest,
  GetEligibilityResponse,
} from '#schemas/eligibility.ts';
import { estimatePatientCost } from './estimate.ts';

const ANSWER_FIELDS = [
  'active',
  'coverageStatus',
  'planName',
  'groupNumber',
  'planBeginDate',
  'planEndDate',
  'benefits',
  'serviceBenefits',
];

/** The stored answer for the date, else (no date) the coverage's newest; errors name the field, never its value. */
async function answerFor(store: Store, patientId: string, coverageId: string, dateOfService?: string): Promise<EligibilityAnswer> {
  const answer = dateOfService
    ? (await store.eligibility.forDate(patientId, coverageId, dateOfService, 1))[0]
    : await store.eligibility.latest(patientId, coverageId);
  if (!answer)
    throw new RecordNotFoundError('eligibility answer (run EligibilityCheck first)', dateOfService ? 'dateOfService' : 'coverageId');
  return answer;
}

/** GetEligibility: the payer's latest stored answer about the coverage (for the date of service, when given). */
export async function getEligibility(
  store: Store,
  request: Pick<GetEligibilityRequest, 'patientId' | 'coverageId' | 'dateOfService'>,
  recordAccess: (access: PhiAccess) => void,
): Promise<GetEligibilityResponse> {
  const eligibility = await answerFor(store, request.patientId, request.coverageId, request.dateOfService);
  recordAccess({ patientId: request.patientId, record: 'coverage', recordId: request.coverageId, action: 'read', fields: ANSWER_FIELDS });
  return { eligibility };
}

/** EstimatePatientCost: see the module comment and functions/eligibility/estimate.ts. */
export async function estimateCost(
  store: Store,
  request: Omit<z.output<typeof estimatePatientCostRequest>, 'purposeOfUse' | 'onBehalfOf'>,
  recordAccess: (access: PhiAccess) => void,
): Promise<EstimatePatientCostResponse> {
  // The API handler has parsed the request against its contract (defaults filled in) already.
  const answer = await answerFor(store, request.patientId, request.coverageId, request.dateOfService);
  const payer = await store.reference.getPayerProfile(answer.payerId);
  const estimate = estimatePatientCost({
    answer,
    services: request.services,
    allowedAmounts: payer?.allowedAmounts ?? {},
    network: request.network,
  });
  recordAccess({
    patientId: request.patientId,
    record: 'coverage',
    recordId: request.coverageId,
    action: 'read',
    fields: ['active', 'benefits', 'deductibleRemaining', 'outOfPocketRemaining'],
  });
  return {
    patientId: request.patientId,
    coverageId: request.coverageId,
    payerId: answer.payerId,
    dateOfService: request.dateOfService,
    network: request.network,
    basedOn: { traceNumber: answer.traceNumber, checkedAt: answer.checkedAt, dateOfService: answer.dateOfService },
    ...estimate,
  };
}
