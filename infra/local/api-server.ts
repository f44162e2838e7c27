import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsJsonError, awsJsonResult, restError, type Reply } from './api-replies.ts';
import { restRoutes, stepFunctionsOperations, unknownRestOperation, type RouteServices } from './api-routes.ts';
import { ApiError } from './sfn/errors.ts';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Reads a request body of at most 6 MB (Lambda's and Step Functions' request limit). A larger body
 * is still read to its end, without keeping it: leaving it half-read would break the keep-alive
 * connection for the client's next request.
 */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new ApiError('RequestEntityTooLargeException', 'Request body too large', 413);
  return Buffer.concat(chunks);
}

/** A Step Functions request (`X-Amz-Target: AWSStepFunctions.<operation>`, AWS JSON 1.0) to its operation. */
async function stepFunctionsReply(services: RouteServices, req: IncomingMessage, target: string): Promise<Reply> {
  const [service, operation] = target.split('.');
  const handler = service === 'AWSStepFunctions' && operation ? stepFunctionsOperations.get(operation) : undefined;
  if (!handler) return awsJsonError(new ApiError('UnknownOperationException', `Operation ${target} is not supported by the local stack`));
  const body = await readBody(req);
  let input: unknown;
  try {
    input = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return awsJsonError(new ApiError('SerializationException', 'Request body is not JSON'));
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return awsJsonError(new ApiError('SerializationException', 'Request body is not a JSON object'));
  }
  return awsJsonResult(await handler(services.sfn, input as never));
}

/** A REST request (Lambda's API, `/_local/...`) to the route its method and path select. */
async function restReply(services: RouteServices, req: IncomingMessage, path: string): Promise<Reply> {
  for (const route of restRoutes) {
    const match = req.method === route.method ? route.path.exec(path) : null;
    if (match) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      return route.handle(services, { params: match.slice(1), query, headers: req.headers, body: () => readBody(req) });
    }
  }
  return unknownRestOperation(req.method, path);
}

/** The answer to a request whose handler threw: its ApiError, or a 500 in the request's protocol. */
function failureReply(error: unknown, awsJson: boolean): Reply {
  if (error instanceof ApiError) return awsJson ? awsJsonError(error) : restError(error.status, error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return awsJson ? awsJsonError(new ApiError('InternalFailure', message, 500)) : restError(500, 'ServiceException', message);
}

/**
 * One HTTP endpoint that answers the Step Functions API (AWS JSON 1.0, `X-Amz-Target`) and the
 * Lambda Invoke API (REST), as unmodified AWS SDK v3 clients and the AWS CLI call them with an
 * endpoint override. A few `/_local/...` routes let the `rcm` tool move the simulated clock.
 * The operations themselves are the route tables of `api-routes.ts`.
 */
export async function startApiServer(
  options: RouteServices & { port?: number },
): Promise<{ server: Server; endpoint: string; port: number; stop(): Promise<void> }> {
  const services: RouteServices = options;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const target = req.headers['x-amz-target'];
    const awsJson = typeof target === 'string';
    const reply = awsJson ? stepFunctionsReply(services, req, target) : restReply(services, req, path);
    reply
      .catch((error: unknown) => failureReply(error, awsJson))
      .then(({ status, headers, body }) => {
        if (res.headersSent) return;
        res.writeHead(status, headers).end(body);
      })
      .catch(() => res.destroy());
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
