/**
 * The wrapper every Lambda API (a function other hospital services invoke) is written with. It adds
 * to `lambdaHandler` what an API needs: who the caller is (functions/api/caller.ts), and the PHI
 * access audit trail, written before the answer leaves (an access that cannot be recorded is not
 * answered: the call fails with a retryable TransientDependencyError).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { TransientDependencyError } from '#functions/errors/index.ts';
import { auditTrailStore } from '#functions/platform/aws-clients.ts';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { now } from '#functions/platform/clock.ts';
import type { AuditTrail } from '#functions/store/audit-repository.ts';
import { apiCatalog, type ApiContract } from '#schemas/api-catalog.ts';
import type { ApiRequestBase, AuditEntry, PhiAccess } from '#schemas/api.ts';
import { authorizedPrincipal } from './caller.ts';

/** Who is calling: the consuming service's principal, and the person it acts for. */
export interface ApiCaller {
  /** The consuming service as configured (in AWS from the invoked alias; locally the configured principal). */
  readonly principal: string;
  readonly onBehalfOf?: string;
  readonly purposeOfUse: ApiRequestBase['purposeOfUse'];
}

/** What an API body gets besides its input. */
export interface ApiCall {
  readonly caller: ApiCaller;
  /** The time the call acts at (the local stack's simulated clock, or the system clock). */
  readonly at: Date;
  /** Records one access to a patient's record; every access is written to the audit trail before the answer is returned. */
  recordAccess(access: PhiAccess): void;
  readonly context: Context;
}

/** What tests may replace; a deployed function uses the defaults. */
export interface ApiHandlerOptions {
  /** The audit trail (default: the table named by `AUDIT_TABLE_NAME`). */
  readonly auditTrail?: () => AuditTrail;
}

/** The API's function name in the catalog, found by its request contract; undefined for one not (yet) registered. */
function catalogNameOf(request: z.ZodType): string | undefined {
  return (Object.values(apiCatalog) as ApiContract[]).find((contract) => contract.request === request)?.functionName;
}

/** The audit entries of one call: one per recorded access, all at the call's time. */
export function auditEntriesOf(accesses: readonly PhiAccess[], call: ApiCall, api: string): AuditEntry[] {
  return accesses.map((access) => ({
    ...access,
    fields: [...new Set(access.fields)],
    entryId: randomUUID(),
    at: call.at.toISOString(),
    caller: call.caller.principal,
    ...(call.caller.onBehalfOf ? { onBehalfOf: call.caller.onBehalfOf } : {}),
    purposeOfUse: call.caller.purposeOfUse,
    api,
    requestId: call.context.awsRequestId,
  }));
}

/**
 * Wraps an API body: validates the request (naming every bad field), resolves the caller and checks
 * it may call this API for the purpose it gave, runs the body, writes the accesses it recorded to the
 * audit trail (one transaction), and returns its answer.
 */
export function apiHandler<S extends z.ZodType<ApiRequestBase>, R>(
  request: S,
  body: (input: z.infer<S>, call: ApiCall) => Promise<R>,
  options: ApiHandlerOptions = {},
): (event: unknown, context: Context) => Promise<R> {
  const trail = options.auditTrail ?? auditTrailStore;
  // Found once per container, not per call. Locally functions run under their model name; in AWS the catalog names the API.
  const catalogName = catalogNameOf(request);
  return lambdaHandler(request, async (input, context) => {
    const api = catalogName ?? context.functionName;
    const principal = authorizedPrincipal(api, context.invokedFunctionArn, input.purposeOfUse, process.env);
    const accesses: PhiAccess[] = [];
    const call: ApiCall = {
      caller: { principal, purposeOfUse: input.purposeOfUse, ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}) },
      at: now(),
      recordAccess: (access) => void accesses.push(access),
      context,
    };
    const result = await body(input, call);
    if (accesses.length > 0) {
      const entries = auditEntriesOf(accesses, call, api);
      try {
        await trail().append(entries);
      } catch (error) {
        throw new TransientDependencyError('the PHI access audit trail', { cause: error });
      }
    }
    return result;
  });
}
