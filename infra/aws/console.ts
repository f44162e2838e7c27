/**
 * The ops console in AWS (issue 15): Cognito in front of an HTTP API with a JWT authorizer, CloudFront
 * for the static front end, the browser same-origin with its API.
 * - Users: a Cognito user pool with MFA required, a strong password policy, Plus-tier threat
 *   protection, no self sign-up (an admin adds people); the app client uses the authorization code
 *   grant with PKCE and has no secret (the front end, functions/console/web/src/auth.ts).
 * - API: the console's hono app (functions/console/lambda.ts) behind an HTTP API whose routes all
 *   require a Cognito access token; CloudFront sends `/api/*` to it, so the CSP's connect-src 'self' holds.
 * - Front end: the Vite build in a private bucket read by CloudFront through origin access control,
 *   served with the console's security headers (no-store, no-referrer, CSP, HSTS).
 * - State: the console's own table (console-table.ts), fed by the status-change rule and a one-minute
 *   refresher (functions/console/feed-handlers.ts).
 * Each function may do only what it needs: read this application's executions and state machines,
 * invoke the three work-queue functions and its APIs through their `billing-office` alias, and use the
 * console's table (never the application's).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import {
  AccountRecovery,
  AdvancedSecurityMode,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { executionArnOf } from '#functions/platform/start-lifecycle.ts';
import {
  AUDIT_KEY_PREFIX,
  CONSOLE_FUNCTIONS_ENV,
  CONSOLE_STATE_MACHINES_ENV,
  CONSOLE_TABLE_ENV,
  consoleTable,
} from '#functions/console/console-table.ts';
import { securityHeaders } from '#functions/console/app.ts';
import type { FunctionSpec } from '#infra/app-model.ts';
import { ApplicationFunction } from './application-function.ts';
import { tableFromDefinition } from './table-from-definition.ts';

/** The console's settings in a stage (cdk.json `stages.<stage>.console`). */
export interface ConsoleSettings {
  /** The Cognito hosted UI's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly cognitoDomainPrefix: string;
}

/** The console's Lambda functions (not in the app model: the local stack runs the console as a Node server). */
export const consoleFunctions = {
  server: {
    name: 'ConsoleServer',
    entry: 'functions/console/lambda.ts',
    handler: 'handler',
    description: "The ops console's API (hono): executions, saved views, work queues through the application's functions",
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  events: {
    name: 'IndexExecutionEvent',
    entry: 'functions/console/feed-handlers.ts',
    handler: 'indexExecutionEvent',
    description: "Puts a workflow execution's status change into the console's execution index",
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  refresher: {
    name: 'RefreshExecutionIndex',
    entry: 'functions/console/feed-handlers.ts',
    handler: 'refreshExecutionIndex',
    description: 'Every minute: finds running executions the index missed and reads which state running ones sit in',
    timeoutSeconds: 55,
    memoryMb: 512,
    // One refresh at a time: two would spend the account's history-reading budget twice.
    reservedConcurrency: 1,
  },
} as const satisfies Record<string, FunctionSpec>;

/** The application functions the console invokes directly (unqualified) and the APIs it calls as `billing-office`. */
export const CONSOLE_INVOKES = {
  functions: ['ListWorkItems', 'GetWorkItem', 'ResolveWorkItem'],
  apis: ['GetClaimTimeline', 'RecordDisclosure'],
} as const;
/** The consumer the console calls the APIs as (its alias must be deployed in the stage). */
export const CONSOLE_CONSUMER = 'billing-office';

export interface OpsConsoleProps {
  readonly settings: ConsoleSettings;
  readonly rootDir: string;
  /** The application's functions, by name (the console invokes some of them). */
  readonly functions: Readonly<Record<string, ApplicationFunction>>;
  /** Each API the console may call as `billing-office`: its function's name and that alias's ARN (where deployed). */
  readonly apis: Readonly<Record<string, { readonly functionName: string; readonly aliasArn?: string }>>;
  /** This application's state machines: name → ARN. */
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /** The key the state machines encrypt execution data and definitions with. */
  readonly workflowKey: Key;
  readonly logKey: Key;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly deadLetterQueue: Queue;
  readonly deadLetterKey: Key;
  /** Where the status rule's undeliverable events go (the stack's EventBridge dead letters). */
  readonly ruleDeadLetterQueue: Queue;
  /** Where the front-end bucket's and the distribution's access logs go. */
  readonly accessLogs: Bucket;
}

/**
 * Builds the front end into the asset directory during synth (Vite, no Docker); the tests skip
 * bundling and CI builds it before synth either way.
 */
function frontEnd(rootDir: string) {
  const webRoot = join(rootDir, 'functions/console/web');
  return Source.asset(webRoot, {
    exclude: ['node_modules'],
    bundling: {
      // Never used: the local build always runs (Docker is not needed to synth).
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync('npx', ['vite', 'build', '--config', join(webRoot, 'vite.config.ts'), '--outDir', outputDir, '--emptyOutDir'], {
            cwd: rootDir,
            stdio: 'inherit',
          });
          return true;
        },
      },
    },
  });
}

export class OpsConsole extends Construct {
  readonly table: Table;
  readonly key: Key;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly api: HttpApi;
  readonly apiLogs: LogGroup;
  readonly webBucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  readonly functions: Readonly<Record<keyof typeof consoleFunctions, ApplicationFunction>>;
  readonly statusRule: Rule;
  readonly refreshSchedule: Rule;

  constructor(scope: Construct, id: string, props: OpsConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.key = new Key(this, 'Key', {
      description: "Encrypts the ops console's table (execution index, saved views, its audit, sessions)",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = tableFromDefinition(this, consoleTable, this.key);

    const apiOf = (name: string) => {
      const api = props.apis[name];
      if (!api?.aliasArn)
        throw new Error(`the console calls ${name} as ${CONSOLE_CONSUMER}: give the stage a ${CONSOLE_CONSUMER} consumer`);
      return { functionName: api.functionName, aliasArn: api.aliasArn };
    };
    const fn = (spec: FunctionSpec, environment: Record<string, string>) =>
      new ApplicationFunction(this, spec.name, {
        spec,
        rootDir: props.rootDir,
        environment: { [CONSOLE_TABLE_ENV]: this.table.tableName, ...environment },
        logKey: props.logKey,
        logRetention: props.logRetention,
        logRemovalPolicy: props.logRemovalPolicy,
        deadLetterQueue: props.deadLetterQueue,
        deadLetterKey: props.deadLetterKey,
      });
    const invoked = [
      ...CONSOLE_INVOKES.functions.map((name) => [name, props.functions[name]!.function.functionArn] as const),
      // The API client adds the alias as the qualifier: the name is the function's.
      ...CONSOLE_INVOKES.apis.map((name) => [name, apiOf(name).functionName] as const),
    ];
    const machines = Object.values(props.stateMachineArns);
    this.functions = {
      server: fn(consoleFunctions.server, { [CONSOLE_FUNCTIONS_ENV]: stack.toJsonString(Object.fromEntries(invoked)) }),
      events: fn(consoleFunctions.events, {}),
      refresher: fn(consoleFunctions.refresher, { [CONSOLE_STATE_MACHINES_ENV]: stack.toJsonString(machines) }),
    };
    const executions = machines.map((arn) => executionArnOf(arn, '*'));

    // The table: what each function does with it; nobody updates or deletes the console's audit entries.
    const tableArns = [this.table.tableArn, `${this.table.tableArn}/index/*`];
    for (const [name, f] of Object.entries(this.functions)) {
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ConsoleTable',
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
          resources: tableArns,
        }),
      );
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ConsoleAuditAppendOnly',
          effect: Effect.DENY,
          actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: [this.table.tableArn],
          conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_KEY_PREFIX}*`] } },
        }),
      );
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ConsoleKey',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
        }),
      );
      // Execution histories and descriptions are read through the state machines' key.
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'WorkflowKey',
          actions: ['kms:Decrypt'],
          resources: [props.workflowKey.keyArn],
          conditions: { 'ForAnyValue:StringLike': { 'kms:EncryptionContext:aws:states:stateMachineArn': machines } },
        }),
      );
      // Every function that indexes an execution reads a claim lifecycle's input once, for its payer id.
      f.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ReadExecutions',
          actions: ['states:GetExecutionHistory', 'states:DescribeExecution'],
          resources: executions,
        }),
      );
      if (name !== 'events')
        f.role.addToPrincipalPolicy(
          new PolicyStatement({ sid: 'ListExecutions', actions: ['states:ListExecutions'], resources: machines }),
        );
    }
    const server = this.functions.server;
    server.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'DescribeWorkflows', actions: ['states:DescribeStateMachine'], resources: machines }),
    );
    // ListStateMachines takes no resource: the console finds a workflow's ARN by its name.
    server.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ListWorkflows', actions: ['states:ListStateMachines'], resources: ['*'] }),
    );
    server.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeApplication',
        actions: ['lambda:InvokeFunction'],
        resources: [
          ...CONSOLE_INVOKES.functions.map((name) => props.functions[name]!.function.functionArn),
          ...CONSOLE_INVOKES.apis.map((name) => apiOf(name).aliasArn),
        ],
      }),
    );

    // The feed: status changes of this application's state machines, ids and dates only (the event's
    // input and output hold PHI and never leave EventBridge), and the refresher every minute.
    this.statusRule = new Rule(this, 'ExecutionStatusChanges', {
      description: "Status changes of the application's workflow executions feed the console's index",
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: machines },
      },
      targets: [
        new LambdaFunction(this.functions.events.function, {
          event: RuleTargetInput.fromObject({
            detail: {
              executionArn: EventField.fromPath('$.detail.executionArn'),
              stateMachineArn: EventField.fromPath('$.detail.stateMachineArn'),
              name: EventField.fromPath('$.detail.name'),
              status: EventField.fromPath('$.detail.status'),
              startDate: EventField.fromPath('$.detail.startDate'),
              stopDate: EventField.fromPath('$.detail.stopDate'),
            },
          }),
          deadLetterQueue: props.ruleDeadLetterQueue,
          retryAttempts: 10,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });
    this.refreshSchedule = new Rule(this, 'RefreshSchedule', {
      description: "Every minute: the console's index reads where running executions sit",
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.functions.refresher.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    // The front end: a private bucket (static code, no PHI) read only by CloudFront.
    this.webBucket = new Bucket(this, 'Web', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'console-web/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // Users: admins add them; MFA and a strong password for everyone.
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      advancedSecurityMode: AdvancedSecurityMode.ENFORCED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.settings.cognitoDomainPrefix } });

    const logs = new LogGroup(this, 'ApiAccessLogs', {
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.apiLogs = logs;
    this.api = new HttpApi(this, 'Api', {
      description: "The ops console's API (reached through CloudFront at /api/*)",
      createDefaultStage: true,
    });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    // Request metadata only: no bodies, no query strings (the console puts no search values in URLs anyway).
    stage.accessLogSettings = {
      destinationArn: logs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        user: '$context.authorizer.claims.username',
        requestTime: '$context.requestTime',
        method: '$context.httpMethod',
        route: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 100, throttlingRateLimit: 50 };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Ops console: the front end, and /api/* to its HTTP API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'console-cdn/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.webBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headersPolicy(),
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Forwards the Authorization header's token, cookies and query strings, never the viewer's Host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headersPolicy(),
        },
      },
      // (the Cognito token exchange is added below, once the hosted UI's domain exists)
      // The app routes in the browser: a path CloudFront does not know is the app's index.
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) }],
    });
    const consoleUrl = `https://${this.distribution.distributionDomainName}/`;
    // The login module exchanges its code for tokens through CloudFront too: same origin, so the CSP's
    // connect-src 'self' holds and no token endpoint of another origin is ever called from the page.
    this.distribution.addBehavior(
      '/oauth2/*',
      new HttpOrigin(`${props.settings.cognitoDomainPrefix}.auth.${stack.region}.amazoncognito.com`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headersPolicy(),
      },
    );

    this.userPoolClient = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE],
      integration: new HttpLambdaIntegration('Server', server.function),
      authorizer,
    });

    new CfnOutput(stack, 'ConsoleUrl', { description: "The ops console's address", value: consoleUrl });
    new CfnOutput(stack, 'ConsoleUserPoolId', {
      description: 'The user pool an admin adds console users to',
      value: this.userPool.userPoolId,
    });

    this.deployment = new BucketDeployment(this, 'WebDeployment', {
      sources: [
        frontEnd(props.rootDir),
        // What the login module needs to find Cognito (auth.ts reads /auth-config.json; no secret in it).
        Source.jsonData('auth-config.json', {
          region: stack.region,
          domain: `https://${props.settings.cognitoDomainPrefix}.auth.${stack.region}.amazoncognito.com`,
          clientId: this.userPoolClient.userPoolClientId,
          redirectUri: consoleUrl,
        }),
      ],
      destinationBucket: this.webBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }

  private policy: ResponseHeadersPolicy | undefined;
  /** The console's security headers on every answer CloudFront gives (the same the local server sends). */
  private headersPolicy(): ResponseHeadersPolicy {
    this.policy ??= new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: "The ops console's security headers: no caching, no referrer, its own scripts only, HTTPS only",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: securityHeaders['Content-Security-Policy']!, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cache-Control', value: 'no-store', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    return this.policy;
  }
}
