import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  appModel as defaultModel,
  checkModel,
  consumersOf,
  definitionSubstitutions,
  functionEnvironment,
  substitute,
  type AppModel,
  type SubstitutionResolver,
} from '#infra/app-model.ts';
import { startApiServer } from './api-server.ts';
import { SimulatedClock } from './clock.ts';
import { localAccount, localCredentials, localRegion } from './credentials.ts';
import { ensureTable, startDynamoDb } from './dynamodb.ts';
import { LocalLambda, localFunctionArn, type LambdaHandler } from './lambda.ts';
import { useClock } from '#functions/platform/clock.ts';
import { startEmbeddedPayer, type EmbeddedPayer } from './payer.ts';
import { freePort } from './ports.ts';
import { startS3 } from './s3.ts';
import { StartupTimer, type PartUp, type StartupListener } from './startup.ts';
import { checkedDefinition } from './sfn/definition.ts';
import { LocalStepFunctions, localStateMachineArn } from './sfn/local-step-functions.ts';
import { localBucketName, repoRoot, runningStacksDir } from './paths.ts';

export interface LocalStackOptions {
  /** Application model; defaults to the real one. Tests add their own functions and workflows. */
  readonly model?: AppModel;
  /** Handlers given directly (by function name) instead of loaded from their entry files. */
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  /** Where DynamoDB and S3 keep their data; omitted means in-memory DynamoDB and a temporary S3 directory. */
  readonly dataDir?: string;
  /** Port of the Step Functions + Lambda endpoint; a free one by default. */
  readonly apiPort?: number;
  readonly clock?: SimulatedClock;
  /** Export endpoints and resource names to process.env so in-process handlers find them (default true). */
  readonly exportEnvironment?: boolean;
  readonly rootDir?: string;
  /** Run the sandbox payer as the payer gateway (default true); it writes into the `Inbox` bucket. */
  readonly sandboxPayer?: boolean;
  /** JVM options for DynamoDB Local; the fast-start set by default (see dynamodb.ts). */
  readonly dynamoDbJvmOptions?: readonly string[];
  /** Told about each part of the stack as it comes up, with its time (`rcm local` prints them). */
  readonly onProgress?: StartupListener;
  /**
   * Who an unqualified call of a Lambda API is (default `local-operator`, allowed every API and
   * purpose); a consumer's name of the model makes such calls act as that consumer. A call with a
   * qualifier (`--qualifier patient-portal`) is that consumer, as through its alias in AWS.
   */
  readonly apiPrincipal?: string;
}

/** Who an unqualified local call of a Lambda API is, unless `apiPrincipal` says otherwise. */
export const DEFAULT_LOCAL_PRINCIPAL = 'local-operator';

export interface LocalStackEndpoints {
  readonly stepFunctions: string;
  readonly lambda: string;
  readonly dynamodb: string;
  readonly s3: string;
}

export interface LocalStack {
  readonly endpoints: LocalStackEndpoints;
  readonly region: string;
  readonly tableName: string;
  readonly bucketNames: Readonly<Record<string, string>>;
  readonly stateMachineArns: Readonly<Record<string, string>>;
  readonly clock: SimulatedClock;
  readonly sfn: LocalStepFunctions;
  readonly lambda: LocalLambda;
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** The embedded sandbox payer, unless turned off. */
  readonly payer: EmbeddedPayer | undefined;
  /** How long each part took to come up, in the order they came up. */
  readonly startup: readonly PartUp[];
  /** Waits until every execution is blocked on the clock or a callback, or finished. */
  settle(): Promise<void>;
  /** Moves simulated time forward, letting each wait and timeout fire in order. */
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Physical names of the local resources. */
export function localResolver(sfnArn: (name: string) => string): SubstitutionResolver {
  return {
    functionArn: localFunctionArn,
    stateMachineArn: sfnArn,
    bucketName: localBucketName,
    tableName: () => 'patient-accounts',
    auditTableName: () => 'patient-accounts-audit',
  };
}

/**
 * The environment of the in-process functions. They share one process, so it is the union of what each
 * function's declared access and `environment` give it (the same derivation the CDK app uses per
 * function), with the payer gateway set explicitly to the embedded sandbox payer. Two functions that
 * declare one variable with different values cannot share a process: that throws, naming both.
 */
export function localFunctionEnvironment(model: AppModel, resolver: SubstitutionResolver): Record<string, string> {
  const env: Record<string, string> = {};
  const declaredBy = new Map<string, string>();
  for (const fn of model.functions) {
    for (const [name, value] of Object.entries(fn.environment ?? {})) {
      const other = declaredBy.get(name);
      if (other !== undefined && env[name] !== value)
        throw new Error(
          `functions ${other} and ${fn.name} declare ${name} with different values; the local stack runs them in one process`,
        );
      declaredBy.set(name, fn.name);
    }
    Object.assign(env, functionEnvironment(model, fn, resolver, { gateway: 'sandbox' }));
  }
  return env;
}

/**
 * Starts the embedded stack: DynamoDB Local, s3rver, the Step Functions runtime over the workflow
 * files, the in-process Lambda functions, and one endpoint for the Step Functions and Lambda APIs.
 * Objects created under a trigger's prefix start its state machine, as S3 → EventBridge would.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const model = options.model ?? defaultModel;
  const rootDir = options.rootDir ?? repoRoot;
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const clock = options.clock ?? new SimulatedClock({ followRealTime: Boolean(dataDir) });
  const timer = new StartupTimer(options.onProgress);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
    stoppers.length = 0;
  };
  // The model's own checks are instant and come first. Checking the workflow files takes longer (asl-validator
  // compiles its JSON schemas again for each file: about a second of CPU), so it runs while DynamoDB Local's
  // JVM boots in its own process; a bad file still stops start-up, naming the file, the state and the reason.
  checkModel(model);
  const resolver = localResolver(localStateMachineArn);
  const substitutions = definitionSubstitutions(model, resolver);
  try {
    const lambda = new LocalLambda(rootDir);
    const bucketList = model.buckets.map((b) => resolver.bucketName(b.name));
    // Given its port, DynamoDB Local's JVM is spawned before startDynamoDb first yields, so before the check.
    const dynamoPort = await freePort();
    const dynamoStarting = timer.part('dynamodb', 'DynamoDB Local (JVM) answers', () =>
      startDynamoDb({
        port: dynamoPort,
        ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
        ...(options.dynamoDbJvmOptions ? { jvmOptions: options.dynamoDbJvmOptions } : {}),
      }),
    );
    const s3Starting = timer.part('s3', `S3 server (s3rver) with buckets ${bucketList.join(', ')}`, () =>
      startS3({ buckets: bucketList, account: localAccount, ...(dataDir ? { dataDir: join(dataDir, 's3') } : {}) }),
    );
    const checking = timer.part('workflows', `workflow files checked (${model.stateMachines.length})`, () =>
      model.stateMachines.map((sm) => {
        const text = substitute(readFileSync(resolve(rootDir, sm.file), 'utf8'), substitutions, sm.file);
        return { sm, text, definition: checkedDefinition(text, sm.file) };
      }),
    );
    // Whichever service is up is stopped again if the other one or the check fails.
    const [dynamoStart, s3Start, checked] = await Promise.allSettled([dynamoStarting, s3Starting, checking]);
    for (const start of [dynamoStart, s3Start]) if (start.status === 'fulfilled') stoppers.push(() => start.value.stop());
    if (checked.status === 'rejected') throw checked.reason;
    if (dynamoStart.status === 'rejected') throw dynamoStart.reason;
    if (s3Start.status === 'rejected') throw s3Start.reason;
    const workflowTexts = checked.value;
    const [dynamo, s3Server] = [dynamoStart.value, s3Start.value];
    const dynamodb = dynamo.client();
    const s3 = s3Server.client();
    const sfn = new LocalStepFunctions(clock, { lambda, dynamodb, s3 });
    // Stoppers run in reverse: executions end after the API server and the payer stop, before DynamoDB and S3 do.
    stoppers.push(() => sfn.stop());
    const stateMachineArns: Record<string, string> = {};
    await timer.part('stepFunctions', `Step Functions engine with ${workflowTexts.map(({ sm }) => sm.name).join(', ')}`, async () => {
      await sfn.init();
      for (const { sm, text, definition } of workflowTexts)
        stateMachineArns[sm.name] = sfn.registerStateMachine(sm.name, text, sm.file, definition).arn;
    });
    await timer.part('table', `table ${resolver.tableName()}`, () => ensureTable(dynamodb, resolver.tableName(), model.table));
    const auditTable = model.auditTable;
    if (auditTable)
      await timer.part('table', `audit trail table ${resolver.auditTableName!()}`, () =>
        ensureTable(dynamodb, resolver.auditTableName!(), auditTable),
      );
    await timer.part('functions', `Lambda functions (${model.functions.length}), loaded on their first call`, () => {
      for (const fn of model.functions)
        lambda.register(
          fn,
          options.handlers?.[fn.name],
          consumersOf(model, fn.name).map((consumer) => consumer.name),
        );
    });
    const bucketNames = Object.fromEntries(model.buckets.map((b) => [b.name, resolver.bucketName(b.name)]));

    s3Server.onObjectCreated((event) => {
      for (const trigger of model.triggers) {
        if (event.detail.bucket.name !== bucketNames[trigger.bucket] || !event.detail.object.key.startsWith(trigger.prefix)) continue;
        const arn = stateMachineArns[trigger.stateMachine]!;
        void sfn.activity.track(Promise.resolve().then(() => sfn.startExecution({ stateMachineArn: arn, input: JSON.stringify(event) })));
      }
    });

    // In-process handlers act at the stack's simulated time, like the payer and the workflows.
    useClock(() => new Date(clock.now()));
    stoppers.push(async () => useClock());
    let payer: EmbeddedPayer | undefined;
    const inbox = bucketNames.Inbox;
    if (options.sandboxPayer !== false && inbox) {
      const embedded = await timer.part('payer', 'sandbox payer (the payer gateway)', () =>
        startEmbeddedPayer({
          clock,
          s3,
          inboxBucket: inbox,
          activity: sfn.activity,
          ...(dataDir ? { stateFile: join(dataDir, 'sandbox-payer.json') } : {}),
        }),
      );
      payer = embedded;
      stoppers.push(() => embedded.stop());
    }

    const advanceClock = (ms: number) => sfn.advanceClock(ms);
    const api = await timer.part(
      'api',
      (server) => `Step Functions + Lambda endpoint ${server.endpoint}`,
      () =>
        startApiServer({
          sfn,
          lambda,
          ...(options.apiPort !== undefined ? { port: options.apiPort } : {}),
          onAdvanceClock: advanceClock,
        }),
    );
    stoppers.push(() => api.stop());
    const endpoints: LocalStackEndpoints = {
      stepFunctions: api.endpoint,
      lambda: api.endpoint,
      dynamodb: dynamo.endpoint,
      s3: s3Server.endpoint,
    };

    if (options.exportEnvironment !== false) {
      Object.assign(process.env, {
        AWS_REGION: localRegion,
        AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
        AWS_ENDPOINT_URL_S3: endpoints.s3,
        AWS_ENDPOINT_URL_SFN: endpoints.stepFunctions,
        AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
        S3_FORCE_PATH_STYLE: 'true',
        ...localFunctionEnvironment(model, resolver),
        API_LOCAL_PRINCIPAL: options.apiPrincipal ?? DEFAULT_LOCAL_PRINCIPAL,
      });
    }
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      const running = { ...endpoints, region: localRegion, pid: process.pid, dataDir, startedAt: new Date().toISOString() };
      writeFileSync(join(dataDir, 'endpoints.json'), JSON.stringify(running, null, 2));
      // Every stack of this checkout registers itself, so `rcm` finds it whatever its data directory.
      const registration = join(runningStacksDir(), `${process.pid}.json`);
      mkdirSync(runningStacksDir(), { recursive: true });
      writeFileSync(registration, JSON.stringify(running, null, 2));
      stoppers.push(async () => rmSync(registration, { force: true }));
    }
    return {
      endpoints,
      region: localRegion,
      tableName: resolver.tableName(),
      bucketNames,
      stateMachineArns,
      clock,
      sfn,
      lambda,
      dynamodb,
      s3,
      payer,
      startup: timer.reported,
      settle: () => sfn.settle(),
      advanceClock,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
