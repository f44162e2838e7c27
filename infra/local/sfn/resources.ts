/** What a Task state's `Resource` asks for, as the local stack understands it. */
export type ResourceRef =
  | { readonly kind: 'lambdaArn'; readonly functionArn: string }
  | {
      readonly kind: 'integration';
      readonly service: string;
      readonly action: string;
      readonly pattern: 'request' | 'sync' | 'sync2' | 'token';
      /** `aws-sdk:` integrations name their errors with the SDK's service prefix. */
      readonly sdk: boolean;
    }
  | { readonly kind: 'localWait' }
  | { readonly kind: 'localMap' };

export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
export const LOCAL_MAP_RESOURCE = 'arn:aws:states:::local:distributedMap';

/** Integrations the local stack implements, by `service:action` and the patterns allowed for each. */
const SUPPORTED: Record<string, readonly string[]> = {
  'lambda:invoke': ['request', 'token'],
  'states:startExecution': ['request', 'sync', 'sync2', 'token'],
  'dynamodb:getItem': ['request'],
  'dynamodb:putItem': ['request'],
  'dynamodb:updateItem': ['request'],
  'dynamodb:deleteItem': ['request'],
  'aws-sdk:s3:getObject': ['request'],
  'aws-sdk:s3:putObject': ['request'],
};

/** Parses a Task resource; returns null for something that is not an ARN the local stack knows. */
export function parseResource(resource: string): ResourceRef | null {
  if (resource === LOCAL_WAIT_RESOURCE) return { kind: 'localWait' };
  if (resource === LOCAL_MAP_RESOURCE) return { kind: 'localMap' };
  if (/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(resource)) {
    return { kind: 'lambdaArn', functionArn: resource };
  }
  const match = /^arn:aws:states:::(aws-sdk:)?([a-z0-9]+):([A-Za-z0-9]+)(\.sync(:2)?|\.waitForTaskToken)?$/.exec(resource);
  if (!match) return null;
  const [, sdk, service, action, suffix, sync2] = match;
  const pattern = suffix === '.waitForTaskToken' ? 'token' : suffix ? (sync2 ? 'sync2' : 'sync') : 'request';
  return { kind: 'integration', service: service!, action: action!, pattern, sdk: Boolean(sdk) };
}

/** Why the local stack cannot run a resource, or null when it can. */
export function unsupportedReason(resource: string): string | null {
  const ref = parseResource(resource);
  if (!ref) return `resource "${resource}" is neither a Lambda function ARN nor a Step Functions service integration`;
  if (ref.kind !== 'integration') return null;
  if (ref.sdk && ref.service === 'dynamodb' && ref.pattern === 'request') return null;
  const patterns = SUPPORTED[`${ref.sdk ? 'aws-sdk:' : ''}${ref.service}:${ref.action}`];
  if (!patterns) return `service integration ${ref.sdk ? 'aws-sdk:' : ''}${ref.service}:${ref.action} is not available in the local stack`;
  if (!patterns.includes(ref.pattern)) return `${ref.service}:${ref.action} does not support the ${ref.pattern} integration pattern`;
  return null;
}
