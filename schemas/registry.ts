/** Every contract that is published as JSON Schema, by file name (schemas/json/<name>.json). */
import type { z } from 'zod';
import { apiCatalog, type ApiContract } from './api-catalog.ts';
import { auditEntrySchema } from './api.ts';
import { appealSchema } from './appeal.ts';
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
import { authorizationDecisionSchema, authorizationRequestSchema } from './authorization-request.ts';
import { bookLineSchema, bookSchema } from './book.ts';
import { amendClaimRequest, prepareResubmissionRequest } from './claim-amendment.ts';
import { claimEventSchema } from './claim-event.ts';
import { claimSchema } from './claim.ts';
import { coverageSchema } from './coverage.ts';
import { encounterSchema } from './encounter.ts';
import {
  eligibilityAnswerSchema,
  eligibilityCheckResultSchema,
  listUpcomingVerificationsResult,
  reverificationCheckSchema,
  reverificationResultSchema,
} from './eligibility.ts';
import { generateReportsRequest, generateReportsResult } from './financial-reports.ts';
import { inboundFileSchema } from './inbound-file.ts';
import { ledgerEntrySchema, postingSchema, accountBalancesSchema } from './ledger-entry.ts';
import { patientSchema } from './patient.ts';
import { payerProfileSchema } from './payer-profile.ts';
import { claimStatusRequestSchema, claimSubmissionRequestSchema, eligibilityCheckRequestSchema } from './payer-requests.ts';
import { providerSchema } from './provider.ts';
import { remittanceSchema } from './remittance.ts';
import { scrubResultSchema } from './scrub-result.ts';
import { settleClaimRequest, settleClaimResult, statementRequestSchema } from './settlement.ts';
import { produceStatementRequest, produceStatementResult, sendStatementsRequest, sendStatementsResult } from './statement.ts';
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
  'authorization-request': authorizationRequestSchema,
  'authorization-decision': authorizationDecisionSchema,
  claim: claimSchema,
  'claim-event': claimEventSchema,
  'claim-status-request': claimStatusRequestSchema,
  'claim-submission-request': claimSubmissionRequestSchema,
  coverage: coverageSchema,
  'denial-classification': denialClassificationSchema,
  'eligibility-check-request': eligibilityCheckRequestSchema,
  'eligibility-answer': eligibilityAnswerSchema,
  'eligibility-check-result': eligibilityCheckResultSchema,
  'upcoming-verifications': listUpcomingVerificationsResult,
  'reverification-check': reverificationCheckSchema,
  'reverification-result': reverificationResultSchema,
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
  'produce-statement-request': produceStatementRequest,
  'produce-statement-result': produceStatementResult,
  'send-statements-request': sendStatementsRequest,
  'send-statements-result': sendStatementsResult,
  'statement-request': statementRequestSchema,
  'generate-reports-request': generateReportsRequest,
  'generate-reports-result': generateReportsResult,
  'audit-entry': auditEntrySchema,
  book: bookSchema,
  'book-line': bookLineSchema,
  ...apiContracts(),
};

/** Every API of the catalog as `api-<kebab-name>-request` and `api-<kebab-name>-response`. */
function apiContracts(): Record<string, z.ZodType> {
  const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return Object.fromEntries(
    Object.entries(apiCatalog as Record<string, ApiContract>).flatMap(([name, contract]) => [
      [`api-${kebab(name)}-request`, contract.request],
      [`api-${kebab(name)}-response`, contract.response],
    ]),
  );
}
