import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { restError, restJson, type Reply } from './api-replies.ts';
import { functionNameOf, localFunctionArn, qualifierOf, type LocalLambda } from './lambda.ts';
import type { LocalStepFunctions } from './sfn/local-step-functions.ts';

/** What the routes act on. */
export interface RouteServices {
  readonly sfn: LocalStepFunctions;
  readonly lambda: LocalLambda;
  /** Moves the stack's clock; without it `/_local/clock/advance` is not offered. */
  readonly onAdvanceClock?: (ms: number) => Promise<void>;
}

/** One Step Functions operation (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<name>`): its input to its result. */
export type StepFunctionsOperation = (sfn: LocalStepFunctions, input: never) => unknown;

/** The Step Functions operations the local stack answers, by name; any other gets `UnknownOperationException`. */
export const stepFunctionsOperations: ReadonlyMap<string, StepFunctionsOperation> = new Map<string, StepFunctionsOperation>([
  ['StartExecution', (sfn, input) => sfn.startExecution(input)],
  ['DescribeExecution', (sfn, input) => sfn.describeExecution(input)],
  ['ListExecutions', (sfn, input) => sfn.listExecutions(input)],
  ['GetExecutionHistory', (sfn, input) => sfn.getExecutionHistory(input)],
  ['StopExecution', (sfn, input) => sfn.stopExecution(input)],
  ['SendTaskSuccess', (sfn, input) => sfn.sendTaskSuccess(input)],
  ['SendTaskFailure', (sfn, input) => sfn.sendTaskFailure(input)],
  ['SendTaskHeartbeat', (sfn, input) => sfn.sendTaskHeartbeat(input)],
  ['ListStateMachines', (sfn) => sfn.listStateMachines()],
  ['DescribeStateMachine', (sfn, input) => sfn.describeStateMachine(input)],
  ['DescribeMapRun', (sfn, input) => sfn.describeMapRun(input)],
  ['ListMapRuns', (sfn, input) => sfn.listMapRuns(input)],
]);

/** A REST request as a route sees it: the path's captured parts, the headers, and the body on demand. */
export interface RestRequest {
  readonly params: readonly string[];
  /** The query string's parameters (Invoke's `Qualifier`). */
  readonly query?: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  body(): Promise<Buffer>;
}

/** One REST operation: the method and path that select it, and its handler. */
export interface RestRoute {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  readonly handle: (services: RouteServices, request: RestRequest) => Promise<Reply> | Reply;
}

/** The answer to a REST request no route takes. */
export function unknownRestOperation(method: string | undefined, path: string): Reply {
  return restError(404, 'UnknownOperationException', `Unknown operation ${method} ${path}`);
}

/** Lambda Invoke: RequestResponse, Event (runs in the background) or DryRun. */
async function invoke({ sfn, lambda }: RouteServices, request: RestRequest): Promise<Reply> {
  const name = decodeURIComponent(request.params[0]!);
  // The SDK and the CLI send `--qualifier` as `?Qualifier=`; a `name:alias` names it in the path.
  const qualifier = request.query?.get('Qualifier') ?? qualifierOf(name);
  if (!lambda.has(name) || !lambda.hasQualifier(name, qualifier))
    return restError(
      404,
      'ResourceNotFoundException',
      `Function not found: ${localFunctionArn(functionNameOf(name))}${qualifier ? `:${qualifier}` : ''}`,
    );
  const body = await request.body();
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return restError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  lambda.checkPayload(payload);
  const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'DryRun') return { status: 204 };
  if (type === 'Event') {
    void sfn.activity.track(lambda.invoke(name, payload, qualifier));
    return { status: 202, headers: { 'x-amzn-requestid': randomUUID() } };
  }
  if (type !== 'RequestResponse') return restError(400, 'InvalidParameterValueException', `Unknown InvocationType ${type}`);
  const result = await sfn.activity.track(lambda.invoke(name, payload, qualifier));
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'x-amz-executed-version': '$LATEST',
      'x-amzn-requestid': randomUUID(),
      ...(result.functionError ? { 'x-amz-function-error': result.functionError } : {}),
    },
    body: JSON.stringify(result.payload),
  };
}

/** Lambda ListFunctions (one page: the local stack has a few dozen functions). */
function listFunctions({ lambda }: RouteServices): Reply {
  const functions = lambda.list().map((fn) => ({
    FunctionName: fn.spec.name,
    FunctionArn: fn.arn,
    Runtime: 'nodejs22.x',
    Handler: `${fn.spec.entry}.${fn.spec.handler ?? 'handler'}`,
    Description: fn.spec.description,
    Timeout: fn.spec.timeoutSeconds,
    MemorySize: fn.spec.memoryMb,
    Architectures: ['arm64'],
  }));
  return restJson({ Functions: functions });
}

/** The stack's simulated time. */
function getClock({ sfn }: RouteServices): Reply {
  return restJson({ now: new Date(sfn.clock.now()).toISOString() });
}

/** Moves the simulated clock forward by `{ "ms": n }`, letting every wait and timeout on the way fire in order. */
async function advanceClock(services: RouteServices, request: RestRequest): Promise<Reply> {
  const { onAdvanceClock } = services;
  if (!onAdvanceClock) return unknownRestOperation('POST', '/_local/clock/advance');
  let ms: unknown;
  try {
    ({ ms } = JSON.parse((await request.body()).toString('utf8') || '{}') as { ms?: unknown });
  } catch {
    return restError(400, 'ValidationException', 'Request body is not JSON');
  }
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
    return restError(400, 'ValidationException', 'ms must be a non-negative number');
  await onAdvanceClock(ms);
  return getClock(services);
}

/** Tasks waiting for a callback (`.waitForTaskToken`), for tools that show work waiting on people. */
function listWaitingTasks({ sfn }: RouteServices): Reply {
  return restJson({ tasks: sfn.waitingTasks() });
}

/** The REST operations: Lambda's API as the SDK calls it, and the `/_local/...` routes the `rcm` tool uses. */
export const restRoutes: readonly RestRoute[] = [
  { operation: 'Invoke', method: 'POST', path: /^\/2015-03-31\/functions\/([^/]+)\/invocations$/, handle: invoke },
  { operation: 'ListFunctions', method: 'GET', path: /^\/2015-03-31\/functions\/?$/, handle: listFunctions },
  { operation: 'GetClock', method: 'GET', path: /^\/_local\/clock$/, handle: getClock },
  { operation: 'AdvanceClock', method: 'POST', path: /^\/_local\/clock\/advance$/, handle: advanceClock },
  { operation: 'ListWaitingTasks', method: 'GET', path: /^\/_local\/tasks$/, handle: listWaitingTasks },
];
