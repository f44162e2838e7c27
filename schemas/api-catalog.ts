/**
 * Every Lambda API other services may call: its function name, request and response contracts. The
 * typed client (functions/api/client.ts), the JSON Schema export and the README's examples read this
 * one table. Add one entry per API.
 */
import type { z } from 'zod';
import {
  balanceInquiryRequest,
  balanceInquiryResponse,
  getAccountRequest,
  getAccountResponse,
  listRecordAccessRequest,
  listRecordAccessResponse,
} from './account-api.ts';

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
} as const satisfies Record<string, ApiContract>;

export type ApiName = keyof typeof apiCatalog;
