import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, InputValidationError, InternalError } from '#functions/errors/index.ts';
import { logger, withInvocationLogger } from './logger.ts';
import { publishBusinessMetrics } from './metrics.ts';
import { validationIssues } from './validation.ts';

/** Whether this is an AWS service's error as the SDK raises it (its name is the service's error code). */
function isServiceError(error: unknown): error is Error {
  return error instanceof Error && ('$fault' in error || '$metadata' in error);
}

/**
 * What leaves the function when its body fails. The Lambda runtime answers `{ errorType,
 * errorMessage, trace }` with `trace` cut from `error.stack`, and Step Functions copies that into the
 * failure's cause: so an AppError keeps only its first stack line (its name and message, which name
 * fields, not values). An AWS service's error (DynamoDB, S3 down or throttling) keeps its name, the
 * service's error code, which ops and the failed-postings queue read, with a message of its own (the
 * service's may quote a key); anything else is logged by name and replaced by an `InternalError`
 * that carries only the request id (a runtime error's message may quote the data it choked on). None
 * of the three changes what a workflow retries: unknown names stay transient, as before.
 */
export function boundaryError(error: unknown, context: Pick<Context, 'awsRequestId' | 'functionName'>): Error {
  if (error instanceof AppError) {
    error.stack = (error.stack ?? `${error.name}: ${error.message}`).split('\n')[0];
    return error;
  }
  if (isServiceError(error)) {
    const dependency = Object.assign(new Error(`an AWS service failed with ${error.name} (request ${context.awsRequestId})`), {
      name: error.name,
    });
    dependency.stack = `${dependency.name}: ${dependency.message}`;
    logger.error('Dependency failure', { errorName: error.name, functionName: context.functionName, requestId: context.awsRequestId });
    return dependency;
  }
  const name = error instanceof Error ? error.name : typeof error;
  logger.error('Unexpected failure', { errorName: name, functionName: context.functionName, requestId: context.awsRequestId });
  const internal = new InternalError(context.awsRequestId);
  internal.stack = internal.stack?.split('\n')[0];
  return internal;
}

/**
 * Wraps a handler body: Lambda context in the logs (never the event), input validated against its
 * zod contract with a typed error that names every bad field (not its value), the business counts the
 * deployment configured for the function published from its result (counts and cents only), and
 * failures leaving as typed errors without stack frames (see {@link boundaryError}).
 */
export function lambdaHandler<S extends z.ZodType, R>(
  schema: S,
  body: (input: z.infer<S>, context: Context) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  const wrapped = middy(async (event: unknown, context: Context): Promise<R> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new InputValidationError(validationIssues(schema, event, parsed.error.issues));
    const result = await body(parsed.data, context);
    publishBusinessMetrics(result);
    return result;
  }).use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }));
  // Its own logger per invocation: in Lambda one function has the container; locally all share the process.
  return (event, context) =>
    withInvocationLogger(async () => {
      try {
        return await wrapped(event, context);
      } catch (error) {
        throw boundaryError(error, context);
      }
    });
}
