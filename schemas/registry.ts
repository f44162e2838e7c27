/** Every contract that is published as JSON Schema, by file name (schemas/json/<name>.json). */
import type { z } from 'zod';
import { appealSchema } from './appeal.ts';
import { captureEncounterRequest, captureEncounterResponse } from './charge-capture.ts';
import { getClaimTimelineRequest, getClaimTimelineResponse, listClaimsRequest, listClaimsResponse } from './claim-queries.ts';
import { recordPatientPaymentRequest, recordPatientPaymentResponse } from './patient-payment.ts';
import { registerPatientRequest, registerPatientResponse } from './patient-registration.ts';
import {
  appealPacketSchema,
  draftAppealRequest,
  draftAppealResult,
  escalateAppealRequest,
  escalateAppealResult,
  submitAppealRequest,
  submitAppealResult,
} from './appeal-packet.ts';
import { authorizationSchema } from './authorization.ts';
import { amendClaimRequest, prepareResubmissionRequest } from './claim-amendment.ts';
import { claimEventSchema } from './claim-event.ts';
import { claimSchema } from './claim.ts';
import { coverageSchema } from './coverage.ts';
import { encounterSchema } from './encounter.ts';
import { inboundFileSchema } from './inbound-file.ts';
import { ledgerEntrySchema, postingSchema, accountBalancesSchema } from './ledger-entry.ts';
import { patientSchema } from './patient.ts';
import { payerProfileSchema } from './payer-profile.ts';
import { claimStatusRequestSchema, claimSubmissionRequestSchema, eligibilityCheckRequestSchema } from './payer-requests.ts';
import { providerSchema } from './provider.ts';
import { remittanceSchema } from './remittance.ts';
import { scrubResultSchema } from './scrub-result.ts';
import { settleClaimRequest, settleClaimResult, statementRequestSchema } from './settlement.ts';
import { denialClassificationSchema } from './denial-classification.ts';
import { listWorkItemsRequest, resolveWorkItemRequest, workItemSchema } from './work-item.ts';

export const publishedContracts: Readonly<Record<string, z.ZodType>> = {
  'account-balances': accountBalancesSchema,
  appeal: appealSchema,
  'appeal-packet': appealPacketSchema,
  'draft-appeal-request': draftAppealRequest,
  'draft-appeal-result': draftAppealResult,
  'escalate-appeal-request': escalateAppealRequest,
  'escalate-appeal-result': escalateAppealResult,
  'submit-appeal-request': submitAppealRequest,
  'submit-appeal-result': submitAppealResult,
  authorization: authorizationSchema,
  claim: claimSchema,
  'claim-event': claimEventSchema,
  'claim-status-request': claimStatusRequestSchema,
  'claim-submission-request': claimSubmissionRequestSchema,
  coverage: coverageSchema,
  'denial-classification': denialClassificationSchema,
  'eligibility-check-request': eligibilityCheckRequestSchema,
  encounter: encounterSchema,
  'inbound-file': inboundFileSchema,
  'ledger-entry': ledgerEntrySchema,
  patient: patientSchema,
  'payer-profile': payerProfileSchema,
  posting: postingSchema,
  provider: providerSchema,
  remittance: remittanceSchema,
  'scrub-result': scrubResultSchema,
  'work-item': workItemSchema,
  'list-work-items-request': listWorkItemsRequest,
  'resolve-work-item-request': resolveWorkItemRequest,
  'amend-claim-request': amendClaimRequest,
  'prepare-resubmission-request': prepareResubmissionRequest,
  'settle-claim-request': settleClaimRequest,
  'settle-claim-result': settleClaimResult,
  'statement-request': statementRequestSchema,
  'register-patient-request': registerPatientRequest,
  'register-patient-response': registerPatientResponse,
  'capture-encounter-request': captureEncounterRequest,
  'capture-encounter-response': captureEncounterResponse,
  'record-patient-payment-request': recordPatientPaymentRequest,
  'record-patient-payment-response': recordPatientPaymentResponse,
  'list-claims-request': listClaimsRequest,
  'list-claims-response': listClaimsResponse,
  'get-claim-timeline-request': getClaimTimelineRequest,
  'get-claim-timeline-response': getClaimTimelineResponse,
};
