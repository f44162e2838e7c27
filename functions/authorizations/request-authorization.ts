/**
 * The `RequestAuthorization` API's use-case: checks that the patient and coverage exist, records the
 * access, and starts the AuthorizationRequest workflow named after the authorization id (asked twice,
 * it is started once). Errors name the request field at fault, never its value.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { ApiCall } from '#functions/api/api-handler.ts';
import type { Store } from '#functions/store/index.ts';
import type { AuthorizationRequest, RequestAuthorizationRequest, RequestAuthorizationResponse } from '#schemas/authorization-request.ts';

/** What the use-case is given: the store and a way to start the workflow. */
export interface RequestAuthorizationDeps {
  store: Store;
  /** Starts `auth-<authorizationId>` with the request; `already-started` when it exists. */
  start: (name: string, input: AuthorizationRequest) => Promise<{ status: 'started' | 'already-started'; executionArn: string }>;
}

/** The execution name of an authorization's workflow. */
const authorizationExecutionName = (authorizationId: string): string => `auth-${authorizationId}`;

/** Starts the AuthorizationRequest workflow for one request. */
export async function requestAuthorization(
  deps: RequestAuthorizationDeps,
  input: RequestAuthorizationRequest,
  call: Pick<ApiCall, 'recordAccess'>,
): Promise<RequestAuthorizationResponse> {
  const { purposeOfUse: _purpose, onBehalfOf: _for, ...request } = input;
  const record = await deps.store.patients.getPatientRecord(request.patientId);
  if (!record) throw new RecordNotFoundError('patient', 'patientId');
  if (!record.coverages.some((c) => c.coverageId === request.coverageId)) throw new RecordNotFoundError('coverage', 'coverageId');
  if (!(await deps.store.reference.getProvider(request.providerId))) throw new RecordNotFoundError('provider', 'providerId');
  call.recordAccess({
    patientId: request.patientId,
    record: 'authorization',
    recordId: request.authorizationId,
    action: 'create',
    fields: ['procedureCodes', 'diagnosisCodes', 'validFrom', 'validThrough', 'requestedUnits', 'coverageId'],
  });
  const started = await deps.start(authorizationExecutionName(request.authorizationId), request);
  return { authorizationId: request.authorizationId, ...started };
}
