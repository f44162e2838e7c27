import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { InputValidationError } from '#functions/errors/index.ts';
import { logger, withInvocationLogger } from './logger.ts';
import { publishBusinessMetrics } from './metrics.ts';

/**
 * Wraps a handler body: Lambda context in the logs (never the event), input validated against its
 * zod contract with a typed error that names fields, not values, and the business counts the
 * deployment configured for the function published from its result (counts and cents only).
 */
export function lambdaHandler<S extends z.ZodType, R>(
  schema: S,
  body: (input: z.infer<S>, context: Context) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  const wrapped = middy(async (event: unknown, context: Context): Promise<R> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InputValidationError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
    }
    const result = await body(parsed.data, context);
    publishBusinessMetrics(result);
    return result;
  }).use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }));
  // Its own logger per invocation: in Lambda one function has the container; locally all share the process.
  return (event, context) => withInvocationLogger(() => wrapped(event, context));
}
