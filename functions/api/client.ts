/**
 * The typed client other services (and our tests and tools) call the Lambda APIs with: the request
 * type is the input of the API's contract in `apiCatalog`, the answer is parsed with its response
 * contract, and a function error becomes an {@link ApiCallError} with the error's type, message and,
 * for an InputValidationError, its issues by field.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { z } from 'zod';
import { apiCatalog, type ApiName } from '#schemas/api-catalog.ts';

/** A function error an API answered with (see functions/errors/catalog.ts for the types). */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  readonly errorType: string;
  readonly issues?: readonly { path: string; message: string }[];
  constructor(
    errorType: string,
    message: string,
    /** The bad fields of an InputValidationError, as its message lists them. */
    issues?: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.errorType = errorType;
    this.issues = issues;
  }
}

export interface ApiClientOptions {
  readonly lambda: LambdaClient;
  /** The consumer alias to invoke through (in AWS, required: the service's own alias). */
  readonly qualifier?: string;
  /** The deployed function's name or ARN for an API (default: the model name, as locally). */
  readonly functionName?: (api: ApiName) => string;
}

export type ApiRequest<N extends ApiName> = z.input<(typeof apiCatalog)[N]['request']>;
export type ApiResponse<N extends ApiName> = z.output<(typeof apiCatalog)[N]['response']>;

export interface ApiClient {
  call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>>;
}

/** The issues listed in an InputValidationError's message (`Input is not valid: a: m; b: m`). */
export function issuesOf(message: string): { path: string; message: string }[] {
  const list = message.replace(/^Input is not valid: /, '');
  return list
    .split(/; (?=[^\s:;]+: )/)
    .map((part) => {
      const at = part.indexOf(': ');
      return at < 0 ? { path: '', message: part } : { path: part.slice(0, at), message: part.slice(at + 2) };
    })
    .map((issue) => (issue.path === '(root)' ? { ...issue, path: '' } : issue));
}

/** A client for the APIs of `apiCatalog` over a Lambda client (AWS, or the local stack's endpoint). */
export function apiClient(options: ApiClientOptions): ApiClient {
  return {
    async call(name, request) {
      const contract = apiCatalog[name];
      const out = await options.lambda.send(
        new InvokeCommand({
          FunctionName: options.functionName?.(name) ?? contract.functionName,
          ...(options.qualifier ? { Qualifier: options.qualifier } : {}),
          Payload: new TextEncoder().encode(JSON.stringify(request)),
        }),
      );
      const body: unknown = JSON.parse(new TextDecoder().decode(out.Payload ?? new Uint8Array()) || 'null');
      if (out.FunctionError) {
        const { errorType, errorMessage } = (body ?? {}) as { errorType?: string; errorMessage?: string };
        const type = errorType ?? 'Unknown';
        const message = errorMessage ?? out.FunctionError;
        throw new ApiCallError(type, message, type === 'InputValidationError' ? issuesOf(message) : undefined);
      }
      return contract.response.parse(body) as ApiResponse<typeof name>;
    },
  };
}
