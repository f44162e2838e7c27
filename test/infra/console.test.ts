/**
 * The ops console as the sandbox stage deploys it (cdk.json `stages.sandbox.console`): Cognito with
 * MFA and no self sign-up in front of an HTTP API whose every route needs a token, CloudFront serving
 * the front end from a private bucket and sending /api/* to the API with the console's security
 * headers, the console's own table, and the feed's rule and schedule; each function with only the
 * rights it needs. The dev stage deploys no console.
 */
import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesize } from './app.ts';
import { CONSOLE_INVOKES } from '#infra/aws/console.ts';

describe('the ops console in AWS', () => {
  const { stack, template } = synthesize({ stage: 'sandbox' });
  const console = stack.console!;
  const policyOf = (fn: keyof typeof console.functions) =>
    stack.resolve(
      (console.functions[fn].role.node.findChild('DefaultPolicy').node.defaultChild as unknown as { policyDocument: unknown })
        .policyDocument,
    ) as {
      Statement: { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown }[];
    };
  const actionsOf = (fn: keyof typeof console.functions) =>
    policyOf(fn)
      .Statement.filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

  it('lets in only people an admin added, with MFA and a strong password, through a code-with-PKCE client without a secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true, RequireNumbers: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
  });

  it('requires a Cognito token on every API route', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: Match.objectLike({ Audience: [Match.anyValue()] }),
    });
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    expect(Object.keys(routes).length).toBeGreaterThan(0);
    for (const route of Object.values(routes)) expect(route.Properties.AuthorizationType).toBe('JWT');
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('serves the front end from a private bucket through CloudFront, /api/* and the token exchange same-origin, with the security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', Match.anyValue());
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }),
          Match.objectLike({ PathPattern: '/oauth2/*', ViewerProtocolPolicy: 'https-only' }),
        ]),
        Logging: Match.objectLike({ Prefix: 'console-cdn/' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("connect-src 'self'") }),
          ReferrerPolicy: Match.objectLike({ ReferrerPolicy: 'no-referrer' }),
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
        }),
        CustomHeadersConfig: { Items: Match.arrayWith([Match.objectLike({ Header: 'Cache-Control', Value: 'no-store' })]) },
      }),
    });
    expect(
      stack.resolve(
        console.webBucket.node.defaultChild &&
          (console.webBucket.node.defaultChild as unknown as { publicAccessBlockConfiguration: unknown }).publicAccessBlockConfiguration,
      ),
    ).toMatchObject({
      blockPublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it('keeps its state in a table of its own, encrypted with its own key, recoverable and backed up', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'gsi3' })]),
      SSESpecification: Match.objectLike({
        KMSMasterKeyId: {
          'Fn::GetAtt': [stack.resolve((console.key.node.defaultChild as unknown as { logicalId: string }).logicalId), 'Arn'],
        },
      }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    for (const fn of ['server', 'events', 'refresher'] as const) {
      const tableStatements = policyOf(fn).Statement.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
      // The console's table only: never the application's or the audit trail's.
      expect(JSON.stringify(tableStatements)).not.toContain(
        stack.resolve((stack.table.node.defaultChild as unknown as { logicalId: string }).logicalId),
      );
      expect(tableStatements.find((s) => s.Sid === 'ConsoleAuditAppendOnly')).toMatchObject({ Effect: 'Deny' });
    }
  });

  it("feeds its index from the status changes of this application's workflows (ids and dates only) and a one-minute refresher", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: Match.anyValue() },
      },
      Targets: [
        Match.objectLike({
          InputTransformer: Match.objectLike({ InputPathsMap: Match.not(Match.objectLike({ input: Match.anyValue() })) }),
        }),
      ],
    });
    const rule = Object.values(
      template.findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.states'] } } }),
    )[0]!;
    expect(JSON.stringify(rule.Properties.Targets[0].InputTransformer)).not.toMatch(/detail\.(input|output)/);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
  });

  it('gives each function only what it needs', () => {
    expect(new Set(actionsOf('server'))).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:Encrypt',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:ConditionCheckItem',
        'states:GetExecutionHistory',
        'states:ListExecutions',
        'states:DescribeExecution',
        'states:DescribeStateMachine',
        'states:ListStateMachines',
        'lambda:InvokeFunction',
        'sqs:SendMessage',
      ]),
    );
    // The feed's functions read a lifecycle's input once for its payer id, as the server does.
    expect(actionsOf('events')).toContain('states:DescribeExecution');
    expect(actionsOf('refresher')).toContain('states:DescribeExecution');
    expect(actionsOf('events')).not.toContain('lambda:InvokeFunction');
    expect(actionsOf('events')).not.toContain('states:ListExecutions');
    expect(actionsOf('refresher')).not.toContain('lambda:InvokeFunction');
    const invoke = policyOf('server').Statement.find((s) => s.Sid === 'InvokeApplication')!;
    // Three work-queue functions, and GetClaimTimeline and RecordDisclosure through their billing-office aliases.
    expect((invoke.Resource as unknown[]).length).toBe(5);
    expect(JSON.stringify(invoke.Resource)).toMatch(/GetClaimTimelinebillingoffice/i);
    expect(JSON.stringify(invoke.Resource)).toMatch(/RecordDisclosurebillingoffice/i);
    // The server is told the API's function name; the alias is the qualifier its client adds.
    const env = stack.resolve((console.functions.server.function.node.defaultChild as unknown as { environment: unknown }).environment) as {
      variables: Record<string, unknown>;
    };
    expect(JSON.stringify(env.variables.CONSOLE_FUNCTION_NAMES)).toContain('GetClaimTimeline');
  });

  it('may invoke every function and API the console server calls, and no other', () => {
    const source = readFileSync(new URL('../../functions/console/app.ts', import.meta.url), 'utf8');
    const called = (pattern: RegExp) => [...new Set([...source.matchAll(pattern)].map((m) => m[1]!))].sort();
    expect(called(/invoke(?:<[^>]*>)?\('([A-Za-z]+)'/g)).toEqual([...CONSOLE_INVOKES.functions].sort());
    expect(called(/api\.call\('([A-Za-z]+)'/g)).toEqual([...CONSOLE_INVOKES.apis].sort());
  });

  it('is deployed only where the stage asks for it', () => {
    expect(synthesize().stack.console).toBeUndefined();
  });
});
