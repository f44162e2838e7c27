/**
 * The wrapper every Lambda API (a function other hospital services invoke) is written with. It adds
 * to `lambdaHandler` what an API needs: who the caller is, and the PHI access audit trail, written
 * before the answer leaves (an access that cannot be recorded is not answered).
 *
 * INTERFACE FIRST: the caller resolution and the audit store are being built (issue 13); the
 * signature below is the contract API handlers are written against and does not change.
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { lambdaHandler } from '#functions/platform/handler.ts';
import { now } from '#functions/platform/clock.ts';
import type { ApiRequestBase, PhiAccess } from '#schemas/api.ts';

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

/**
 * Wraps an API body: validates the request (naming every bad field), resolves the caller, runs the
 * body, writes the accesses it recorded to the audit trail, and returns its answer.
 */
export function apiHandler<S extends z.ZodType<ApiRequestBase>, R>(
  request: S,
  body: (input: z.infer<S>, call: ApiCall) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  return lambdaHandler(request, async (input, context) => {
    const accesses: PhiAccess[] = [];
    const call: ApiCall = {
      caller: { principal: process.env.API_LOCAL_PRINCIPAL ?? 'unknown', onBehalfOf: input.onBehalfOf, purposeOfUse: input.purposeOfUse },
      at: now(),
      recordAccess: (access) => void accesses.push(access),
      context,
    };
    return body(input, call);
  });
}
