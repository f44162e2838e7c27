/**
 * Every Lambda API other services may call: its function name, request and response contracts. The
 * typed client (functions/api/client.ts), the JSON Schema export and the README's examples read this
 * one table. Add one entry per API.
 */
import { requestAuthorizationRequest, requestAuthorizationResponse } from './authorization-request.ts';
import type { z } from 'zod';
import {
  balanceInquiryRequest,
  balanceInquiryResponse,
  getAccountRequest,
  getAccountResponse,
  listRecordAccessRequest,
  listRecordAccessResponse,
} from './account-api.ts';
import { captureEncounterRequest, captureEncounterResponse } from './charge-capture.ts';
import { estimatePatientCostRequest, estimatePatientCostResponse, getEligibilityRequest, getEligibilityResponse } from './eligibility.ts';
import { getClaimTimelineRequest, getClaimTimelineResponse, listClaimsRequest, listClaimsResponse } from './claim-queries.ts';
import { recordDisclosureRequest, recordDisclosureResponse } from './disclosure.ts';
import { recordPatientPaymentRequest, recordPatientPaymentResponse } from './patient-payment.ts';
import { registerPatientRequest, registerPatientResponse } from './patient-registration.ts';
import {
  getPayerProfileRequest,
  getPayerProfileResponse,
  getProviderRequest,
  getProviderResponse,
  registerPayerProfileRequest,
  registerPayerProfileResponse,
  registerProviderRequest,
  registerProviderResponse,
} from './reference-data.ts';

export interface ApiContract {
  /** The Lambda function's name in the app model. */
  readonly functionName: string;
  readonly summary: string;
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

export const apiCatalog = {
  GetAccount: {
    functionName: 'GetAccount',
    summary: "An account's balances by responsibility, its ledger, its claims with their balances, and its statements",
    request: getAccountRequest,
    response: getAccountResponse,
  },
  BalanceInquiry: {
    functionName: 'BalanceInquiry',
    summary: 'What a patient owes, what is pending with insurers, and the latest payments, per account',
    request: balanceInquiryRequest,
    response: balanceInquiryResponse,
  },
  ListRecordAccess: {
    functionName: 'ListRecordAccess',
    summary: "Who read or changed a patient's record, which fields, when and why (newest first); itself recorded",
    request: listRecordAccessRequest,
    response: listRecordAccessResponse,
  },
  RegisterPatient: {
    functionName: 'RegisterPatient',
    summary: 'Create or update a patient and their coverages; the same request twice changes nothing.',
    request: registerPatientRequest,
    response: registerPatientResponse,
  },
  CaptureEncounter: {
    functionName: 'CaptureEncounter',
    summary: "Charge capture: post an encounter's charges, build its claim and start the claim's lifecycle, once per encounter.",
    request: captureEncounterRequest,
    response: captureEncounterResponse,
  },
  RequestAuthorization: {
    functionName: 'RequestAuthorization',
    summary:
      'Ask the payer to authorize services before they happen: starts the AuthorizationRequest workflow (278), once per authorizationId.',
    request: requestAuthorizationRequest,
    response: requestAuthorizationResponse,
  },
  RecordPatientPayment: {
    functionName: 'RecordPatientPayment',
    summary: "Record a patient's payment or a refund to the patient, once per paymentId; answers the balances after it.",
    request: recordPatientPaymentRequest,
    response: recordPatientPaymentResponse,
  },
  ListClaims: {
    functionName: 'ListClaims',
    summary: 'List claims by status, payer and age (days since service or submission), a page at a time.',
    request: listClaimsRequest,
    response: listClaimsResponse,
  },
  GetClaimTimeline: {
    functionName: 'GetClaimTimeline',
    summary: "A claim's events in order, with the workflow executions that recorded them and their status.",
    request: getClaimTimelineRequest,
    response: getClaimTimelineResponse,
  },
  GetEligibility: {
    functionName: 'GetEligibility',
    summary:
      "The payer's latest stored eligibility answer for a coverage (for a date of service, when given): active, plan dates, benefits.",
    request: getEligibilityRequest,
    response: getEligibilityResponse,
  },
  EstimatePatientCost: {
    functionName: 'EstimatePatientCost',
    summary: "What the patient will likely owe for planned services, from the stored benefits and the payer's fee schedule, line by line.",
    request: estimatePatientCostRequest,
    response: estimatePatientCostResponse,
  },
  RegisterProvider: {
    functionName: 'RegisterProvider',
    summary: 'Create or replace a provider on file (reference data, not PHI: not audited); the same request twice changes nothing.',
    request: registerProviderRequest,
    response: registerProviderResponse,
  },
  RegisterPayerProfile: {
    functionName: 'RegisterPayerProfile',
    summary:
      "Create or replace the hospital's profile of a payer (reference data, not PHI: not audited); the same request twice changes nothing.",
    request: registerPayerProfileRequest,
    response: registerPayerProfileResponse,
  },
  GetProvider: {
    functionName: 'GetProvider',
    summary: 'A provider on file (reference data, not PHI: not audited).',
    request: getProviderRequest,
    response: getProviderResponse,
  },
  GetPayerProfile: {
    functionName: 'GetPayerProfile',
    summary: "The hospital's profile of a payer (reference data, not PHI: not audited).",
    request: getPayerProfileRequest,
    response: getPayerProfileResponse,
  },
  RecordDisclosure: {
    functionName: 'RecordDisclosure',
    summary: "Record in the patient's audit trail that a person saw a claim's workflow execution data (input, output), with their reason.",
    request: recordDisclosureRequest,
    response: recordDisclosureResponse,
  },
} as const satisfies Record<string, ApiContract>;

export type ApiName = keyof typeof apiCatalog;
