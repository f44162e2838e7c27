import { join } from 'node:path';
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#infra/app-model.ts';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '#functions/platform/metrics.ts';

/**
 * One esbuild configuration for every handler: ESM for Node 22, minified, with source maps (the stack
 * traces in the logs point at our TypeScript). Bundled locally; Docker is never used, so synth runs
 * offline. ESM bundles get a `require` for the CommonJS dependencies that still call it.
 */
export const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  forceDockerBundling: false,
};

/** Copies data files the handler reads at run time into the bundle, where `import.meta.url` finds them. */
function copyAfterBundling(files: NonNullable<FunctionSpec['bundledFiles']>): NonNullable<BundlingOptions['commandHooks']> {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      files.flatMap(({ from, to }) => [`mkdir -p "${join(outputDir, to, '..')}"`, `cp "${join(inputDir, from)}" "${join(outputDir, to)}"`]),
  };
}

export interface ApplicationFunctionProps {
  readonly spec: FunctionSpec;
  /** A fixed physical name (API functions, see infra/aws/names.ts); omitted, CloudFormation generates one. */
  readonly functionName?: string;
  /** Repository root: entries, package.json and the lock file are found from it. */
  readonly rootDir: string;
  /** The environment derived from the function's declaration (see `functionEnvironment`). */
  readonly environment: Readonly<Record<string, string>>;
  /** Encrypts the function's log group. */
  readonly logKey: IKey;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Where asynchronous invocations that keep failing go, and the key it is encrypted with. */
  readonly deadLetterQueue: IQueue;
  readonly deadLetterKey: IKey;
}

/**
 * A Lambda function of the application, configured in one place: Node 22 on ARM64, its own encrypted
 * log group, X-Ray active tracing, the Powertools environment, a dead-letter queue for asynchronous
 * invocations, reserved concurrency where the model asks for it. Its role starts empty: writing its
 * own log group and traces is all it gets here; the rest comes from its declared access.
 */
export class ApplicationFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApplicationFunctionProps) {
    super(scope, id);
    const { spec } = props;
    this.logGroup = new LogGroup(this, 'Logs', {
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${spec.name}: its own logs, traces and the access its declaration lists`,
    });
    this.logGroup.grantWrite(this.role);
    // Lambda sends to the encrypted dead-letter queue with the function's role.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DeadLetterKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.deadLetterKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    const metrics = (spec.metrics ?? []).map(({ name, field, unit }) => ({ name, unit, ...(field ? { field } : {}) }));
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.rootDir, spec.entry),
      handler: spec.handler ?? 'handler',
      ...(props.functionName ? { functionName: props.functionName } : {}),
      projectRoot: props.rootDir,
      depsLockFilePath: join(props.rootDir, 'package-lock.json'),
      description: spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      ...(spec.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: spec.reservedConcurrency } : {}),
      bundling: spec.bundledFiles?.length ? { ...bundling, commandHooks: copyAfterBundling(spec.bundledFiles) } : bundling,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: METRICS_SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(metrics.length > 0 ? { BUSINESS_METRICS: JSON.stringify(metrics) } : {}),
      },
    });
  }
}
