import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { auditTrailRepository, createStore, documentClient, type AuditTrail, type Store } from '#functions/store/index.ts';
import { requiredEnv } from './env.ts';

let s3: S3Client | undefined;
let dynamodb: DynamoDBClient | undefined;
let store: Store | undefined;
let sfn: SFNClient | undefined;
let auditTrail: AuditTrail | undefined;

/**
 * Shared clients, created once per Lambda container. Endpoints come from the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which the local stack sets; S3 needs path-style there.
 */
export function s3Client(): S3Client {
  s3 ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  return s3;
}

/** The DynamoDB client of this container. */
export function dynamoDbClient(): DynamoDBClient {
  dynamodb ??= new DynamoDBClient({});
  return dynamodb;
}

/** The repositories over the table named by `TABLE_NAME`. */
export function tableStore(): Store {
  store ??= createStore(documentClient(dynamoDbClient()), requiredEnv('TABLE_NAME'));
  return store;
}

/**
 * A store of its own for one invocation, over the container's client: what it groups (clean
 * postings sharing a transaction) stays within the invocation, as in a Lambda container, also where
 * the local stack runs several invocations of a function in one process.
 */
export function invocationStore(): Store {
  return createStore(documentClient(dynamoDbClient()), requiredEnv('TABLE_NAME'));
}

/** The PHI access audit trail in the table named by `AUDIT_TABLE_NAME`. */
export function auditTrailStore(): AuditTrail {
  auditTrail ??= auditTrailRepository({ doc: documentClient(dynamoDbClient()), tableName: requiredEnv('AUDIT_TABLE_NAME') });
  return auditTrail;
}

/** The Step Functions client of this container (task tokens). */
export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}
