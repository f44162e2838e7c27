/**
 * Who is calling an API. In AWS each consuming service invokes an API through an alias named after
 * it (the alias's resource policy admits only that service's IAM principal, see infra/aws), so the
 * qualifier of `context.invokedFunctionArn` is the caller: a caller cannot claim to be another. The
 * function checks that consumer against the ones the app model allows for the API and the purpose
 * of use it gave against the consumer's. Locally an unqualified call is the configured principal
 * (`API_LOCAL_PRINCIPAL`, which only the local stack sets): a consumer's name acts as that consumer,
 * any other name as an operator allowed every API and purpose.
 */
import { CallerNotAuthorizedError, ConfigurationError } from '#functions/errors/index.ts';
import type { PurposeOfUse } from '#schemas/api.ts';

/** A consumer as the function's environment declares it (see infra/app-model.ts `apiConsumersValue`). */
export interface ConsumerGrant {
  readonly apis: readonly string[];
  readonly purposes: readonly PurposeOfUse[];
}

/** The environment variables caller resolution reads. */
export interface CallerEnvironment {
  /** JSON: consumer name to its APIs and purposes. */
  readonly API_CONSUMERS?: string | undefined;
  /** Set by the local stack only: who an unqualified call is. */
  readonly API_LOCAL_PRINCIPAL?: string | undefined;
}

/** The qualifier (alias or version) a function was invoked with, if any: the 8th field of the ARN. */
export function qualifierOf(invokedFunctionArn: string): string | undefined {
  const qualifier = invokedFunctionArn.split(':')[7];
  return qualifier === undefined || qualifier === '' ? undefined : qualifier;
}

function consumersFrom(env: CallerEnvironment): Readonly<Record<string, ConsumerGrant>> {
  if (!env.API_CONSUMERS) return {};
  try {
    return JSON.parse(env.API_CONSUMERS) as Record<string, ConsumerGrant>;
  } catch {
    throw new ConfigurationError('API_CONSUMERS is not JSON');
  }
}

/**
 * The caller's principal, once it is allowed to call `api` for `purpose`; otherwise a
 * `CallerNotAuthorizedError` naming the consumer and the purpose (never request values).
 */
export function authorizedPrincipal(api: string, invokedFunctionArn: string, purpose: PurposeOfUse, env: CallerEnvironment): string {
  const consumers = consumersFrom(env);
  let principal = qualifierOf(invokedFunctionArn);
  // `$LATEST` or a version number is not a consumer's alias: in AWS only aliases admit consumers.
  const unqualified = principal === undefined || principal === '$LATEST' || /^\d+$/.test(principal);
  if (unqualified) {
    if (!env.API_LOCAL_PRINCIPAL) throw new CallerNotAuthorizedError(`${api} is called through a consumer's alias, not unqualified`);
    principal = env.API_LOCAL_PRINCIPAL;
    if (!Object.hasOwn(consumers, principal)) return principal; // the local operator
  }
  const consumer = Object.hasOwn(consumers, principal!) ? consumers[principal!] : undefined;
  if (!consumer || !consumer.apis.includes(api)) throw new CallerNotAuthorizedError(`consumer ${principal} may not call ${api}`);
  if (!consumer.purposes.includes(purpose))
    throw new CallerNotAuthorizedError(`consumer ${principal} may not call ${api} for purpose ${purpose}`);
  return principal!;
}
