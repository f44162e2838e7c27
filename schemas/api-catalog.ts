/**
 * Every Lambda API other services may call: its function name, request and response contracts. The
 * typed client (functions/api/client.ts), the JSON Schema export and the README's examples read this
 * one table. Add one entry per API.
 */
import type { z } from 'zod';

export interface ApiContract {
  /** The Lambda function's name in the app model. */
  readonly functionName: string;
  readonly summary: string;
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

export const apiCatalog = {} as const satisfies Record<string, ApiContract>;

export type ApiName = keyof typeof apiCatalog;
