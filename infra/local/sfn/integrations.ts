import * as dynamodb from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LocalLambda } from '#infra/local/lambda.ts';
import { ApiError, StatesTaskError, lambdaErrorCause } from './errors.ts';
import type { ResourceRef } from './resources.ts';

type Integration = Extract<ResourceRef, { kind: 'integration' }>;

export interface IntegrationServices {
  readonly lambda: LocalLambda;
  readonly dynamodb: dynamodb.DynamoDBClient;
  readonly s3: S3Client;
}

function strip<T extends object>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output as T & { $metadata?: unknown };
  return rest;
}

function asObject(parameters: unknown, what: string): Record<string, unknown> {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw new StatesTaskError('States.Runtime', `${what} expects an object of parameters`);
  }
  return parameters as Record<string, unknown>;
}

/** Invokes a local function the way the `lambda:invoke` integration does, failing on a function error. */
export async function invokeLambda(services: IntegrationServices, functionName: string, payload: unknown): Promise<unknown> {
  if (!services.lambda.has(functionName)) {
    throw new StatesTaskError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  }
  let result: Awaited<ReturnType<LocalLambda['invoke']>>;
  try {
    result = await services.lambda.invoke(functionName, payload);
  } catch (error) {
    // A request Lambda refuses fails the task as the lambda:invoke integration reports it.
    if (error instanceof ApiError) throw new StatesTaskError(`Lambda.${error.code}`, error.message);
    throw error;
  }
  if (result.functionError) {
    const error = result.payload as { errorType: string; errorMessage: string; trace?: string[] };
    throw new StatesTaskError(error.errorType, lambdaErrorCause(error.errorType, error.errorMessage, error.trace));
  }
  return result.payload;
}

/**
 * Runs the request part of a service integration against the local services: the answer the
 * integration gives for `request`, or what is submitted before a `.sync`/`.waitForTaskToken` wait.
 * (`states:startExecution` is handled by the task runner, which starts the child execution itself.)
 */
export async function callIntegration(services: IntegrationServices, ref: Integration, parameters: unknown): Promise<unknown> {
  const key = `${ref.service}:${ref.action}`;
  const params = asObject(parameters, key);
  if (key === 'lambda:invoke') {
    const payload = await invokeLambda(services, String(params.FunctionName), params.Payload ?? null);
    return {
      ExecutedVersion: '$LATEST',
      Payload: payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: {},
      StatusCode: 200,
    };
  }
  if (ref.service === 'dynamodb') {
    const name = `${ref.action.charAt(0).toUpperCase()}${ref.action.slice(1)}Command`;
    const Command = (dynamodb as unknown as Record<string, unknown>)[name] as (new (input: unknown) => object) | undefined;
    if (!Command) throw new StatesTaskError('States.Runtime', `DynamoDB has no action ${ref.action}`);
    try {
      return strip(await services.dynamodb.send(new Command(params) as never));
    } catch (error) {
      const err = error as Error;
      throw new StatesTaskError(`${ref.sdk ? 'DynamoDb' : 'DynamoDB'}.${err.name}`, err.message);
    }
  }
  if (key === 's3:getObject') {
    try {
      const output = await services.s3.send(new GetObjectCommand(params as never));
      const body = await output.Body?.transformToString('utf-8');
      return { ...strip(output), Body: body };
    } catch (error) {
      const err = error as Error;
      throw new StatesTaskError(`S3.${err.name}`, err.message);
    }
  }
  if (key === 's3:putObject') {
    try {
      const body = typeof params.Body === 'string' ? params.Body : JSON.stringify(params.Body);
      return strip(await services.s3.send(new PutObjectCommand({ ...(params as object), Body: body } as never)));
    } catch (error) {
      const err = error as Error;
      throw new StatesTaskError(`S3.${err.name}`, err.message);
    }
  }
  throw new StatesTaskError('States.Runtime', `The local stack does not implement ${key}`);
}
