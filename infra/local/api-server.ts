import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalLambda } from './lambda.ts';
import { localFunctionArn } from './lambda.ts';
import { ApiError } from './sfn/errors.ts';
import type { LocalStepFunctions } from './sfn/local-step-functions.ts';

const MAX_BODY_BYTES = 6 * 1024 * 1024;
const DATE_FIELDS = new Set(['startDate', 'stopDate', 'creationDate', 'timestamp', 'updateDate']);

/** AWS's JSON 1.0 protocol sends timestamps as epoch seconds; the runtime keeps milliseconds. */
function toWireDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWireDates);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = DATE_FIELDS.has(key) && typeof item === 'number' ? item / 1000 : toWireDates(item);
    }
    return out;
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError('RequestEntityTooLargeException', 'Request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
    ...headers,
  });
  res.end(text);
}

function sendJsonError(res: ServerResponse, error: ApiError): void {
  sendJson(
    res,
    error.status,
    { __type: `com.amazonaws.swf.service.v2.model#${error.code}`, message: error.message },
    { 'x-amzn-errortype': error.code },
  );
}

function sendRestError(res: ServerResponse, status: number, code: string, message: string): void {
  const text = JSON.stringify({ Type: 'User', message });
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': crypto.randomUUID() });
  res.end(text);
}

type Operation = (input: never) => unknown;

/**
 * One HTTP endpoint that answers the Step Functions API (AWS JSON 1.0, `X-Amz-Target`) and the
 * Lambda Invoke API (REST), as unmodified AWS SDK v3 clients and the AWS CLI call them with an
 * endpoint override. A few `/_local/...` routes let the `rcm` tool move the simulated clock.
 */
export async function startApiServer(options: {
  sfn: LocalStepFunctions;
  lambda: LocalLambda;
  port?: number;
  onAdvanceClock?: (ms: number) => Promise<void>;
}): Promise<{ server: Server; endpoint: string; port: number; stop(): Promise<void> }> {
  const { sfn, lambda } = options;
  const operations: Record<string, Operation> = {
    StartExecution: (input) => sfn.startExecution(input),
    DescribeExecution: (input) => sfn.describeExecution(input),
    ListExecutions: (input) => sfn.listExecutions(input),
    GetExecutionHistory: (input) => sfn.getExecutionHistory(input),
    StopExecution: (input) => sfn.stopExecution(input),
    SendTaskSuccess: (input) => sfn.sendTaskSuccess(input),
    SendTaskFailure: (input) => sfn.sendTaskFailure(input),
    SendTaskHeartbeat: (input) => sfn.sendTaskHeartbeat(input),
    ListStateMachines: () => sfn.listStateMachines(),
    DescribeStateMachine: (input) => sfn.describeStateMachine(input),
  };

  const handleStepFunctions = async (req: IncomingMessage, res: ServerResponse, target: string) => {
    const [service, operation] = target.split('.');
    const handler = service === 'AWSStepFunctions' && operation ? operations[operation] : undefined;
    if (!handler) {
      sendJsonError(res, new ApiError('UnknownOperationException', `Operation ${target} is not supported by the local stack`));
      return;
    }
    const body = await readBody(req);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      sendJsonError(res, new ApiError('SerializationException', 'Request body is not JSON'));
      return;
    }
    sendJson(res, 200, toWireDates(await handler(input as never)));
  };

  const handleLambda = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path);
    if (invoke && req.method === 'POST') {
      const name = decodeURIComponent(invoke[1]!);
      if (!lambda.has(name)) {
        sendRestError(res, 404, 'ResourceNotFoundException', `Function not found: ${localFunctionArn(name)}`);
        return;
      }
      const body = await readBody(req);
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        sendRestError(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
        return;
      }
      const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      if (type === 'DryRun') {
        res.writeHead(204).end();
        return;
      }
      if (type === 'Event') {
        void sfn.activity.track(lambda.invoke(name, payload));
        res.writeHead(202, { 'x-amzn-requestid': crypto.randomUUID() }).end();
        return;
      }
      if (type !== 'RequestResponse') {
        sendRestError(res, 400, 'InvalidParameterValueException', `Unknown InvocationType ${type}`);
        return;
      }
      const result = await sfn.activity.track(lambda.invoke(name, payload));
      const text = JSON.stringify(result.payload);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-amz-executed-version': '$LATEST',
        'x-amzn-requestid': crypto.randomUUID(),
        ...(result.functionError ? { 'x-amz-function-error': result.functionError } : {}),
      });
      res.end(text);
      return;
    }
    if (/^\/2015-03-31\/functions\/?$/.test(path) && req.method === 'GET') {
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
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Functions: functions }));
      return;
    }
    sendRestError(res, 404, 'UnknownOperationException', `Unknown operation ${req.method} ${path}`);
  };

  const handleLocal = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/_local/clock' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: new Date(sfn.clock.now()).toISOString() }));
      return;
    }
    if (path === '/_local/clock/advance' && req.method === 'POST' && options.onAdvanceClock) {
      let ms: unknown;
      try {
        ({ ms } = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { ms?: unknown });
      } catch {
        sendRestError(res, 400, 'ValidationException', 'Request body is not JSON');
        return;
      }
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        sendRestError(res, 400, 'ValidationException', 'ms must be a non-negative number');
        return;
      }
      await options.onAdvanceClock(ms);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: new Date(sfn.clock.now()).toISOString() }));
      return;
    }
    if (path === '/_local/tasks' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tasks: sfn.waitingTasks() }));
      return;
    }
    sendRestError(res, 404, 'UnknownOperationException', `Unknown operation ${req.method} ${path}`);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const target = req.headers['x-amz-target'];
    const work =
      typeof target === 'string'
        ? handleStepFunctions(req, res, target)
        : path.startsWith('/_local/')
          ? handleLocal(req, res, path)
          : handleLambda(req, res, path);
    work.catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof ApiError) {
        if (typeof target === 'string') sendJsonError(res, error);
        else sendRestError(res, error.status, error.code, error.message);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (typeof target === 'string') sendJsonError(res, new ApiError('InternalFailure', message, 500));
      else sendRestError(res, 500, 'ServiceException', message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
