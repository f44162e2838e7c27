/**
 * The clearinghouse SFTP connector, for a stage whose payer connection reaches its clearinghouse over
 * SFTP (`clearinghouseSftp` in the stage's context): a Transfer Family connector with its credentials
 * secret and log group, a role that touches only the places functions/clearinghouse/layout.ts names,
 * and `ExchangeClearinghouseFiles` every 15 minutes, allowed to start transfers on that connector only.
 * Synth only: there is no account here to deploy it to.
 */
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { appModel } from '#infra/app-model.ts';
import { SFTP_CONNECTOR_SECURITY_POLICY } from '#infra/aws/clearinghouse-sftp.ts';
import { cdkContext, prodSettings, synthesize } from './app.ts';
import { App } from 'aws-cdk-lib';
import { stageConfig } from '#infra/aws/stage.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
const settings = {
  url: 'sftp://sftp.clearinghouse.example:22',
  trustedHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleHostKeyOfTheClearinghouse0000000000'],
  remoteInboundDirectory: '/inbound',
  remoteOutboundDirectory: '/outbound',
};
const { app, stack, template } = synthesize({ stage: 'prod', ...prodSettings, clearinghouseSftp: JSON.stringify(settings) });
const resources = template.toJSON().Resources as Record<string, Resource>;
const logicalId = (c: { node: { defaultChild?: unknown } }) =>
  stack.resolve((c.node.defaultChild as { logicalId: string }).logicalId) as string;
const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);
const policyOf = (role: { node: { findChild(id: string): unknown } }) =>
  JSON.stringify(resources[logicalId(role.node.findChild('DefaultPolicy') as never)]!.Properties.PolicyDocument);

describe('the clearinghouse SFTP connector', () => {
  const sftp = stack.clearinghouseSftp!;

  it('connects to the server the stage names, trusting only its host keys, with its secret and its log role', () => {
    expect(ofType('AWS::Transfer::Connector').map((r) => r.Properties)).toEqual([
      {
        Url: settings.url,
        AccessRole: { 'Fn::GetAtt': [logicalId(sftp.accessRole), 'Arn'] },
        LoggingRole: { 'Fn::GetAtt': [logicalId(sftp.loggingRole), 'Arn'] },
        SecurityPolicyName: SFTP_CONNECTOR_SECURITY_POLICY,
        SftpConfig: { UserSecretId: { Ref: logicalId(sftp.secret) }, TrustedHostKeys: settings.trustedHostKeys },
      },
    ]);
    expect(resources[logicalId(sftp.secret)]!.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack.dataKey), 'Arn'] });
    expect(resources[logicalId(sftp.logGroup)]!.Properties).toMatchObject({
      LogGroupName: { 'Fn::Join': ['', ['/aws/transfer/', { 'Fn::GetAtt': [stack.getLogicalId(sftp.connector), 'ConnectorId'] }]] },
      KmsKeyId: { 'Fn::GetAtt': [logicalId(stack.opsKey), 'Arn'] },
    });
  });

  it('works with a role that reads the outbox batches, writes into the inbox and the listings, and reads its login', () => {
    const policy = policyOf(sftp.accessRole);
    const inbox = logicalId(stack.buckets.Inbox!);
    const outbox = logicalId(stack.buckets.Outbox!);
    expect(policy).toContain(`"${outbox}","Arn"]},"/outbox/*"`);
    expect(policy).toContain(`"${inbox}","Arn"]},"/inbound/clearinghouse/*"`);
    expect(policy).toContain(`"${outbox}","Arn"]},"/sftp-listings/*"`);
    expect(policy).not.toMatch(/"s3:\*"|"s3:DeleteObject"/);
    expect(policy).toContain('secretsmanager:GetSecretValue');
    const trust = JSON.stringify(resources[logicalId(sftp.accessRole)]!.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('transfer.amazonaws.com');
    expect(trust).toContain('aws:SourceAccount');
  });

  it('is driven by ExchangeClearinghouseFiles every 15 minutes, which may start transfers on this connector and nothing else', () => {
    const fn = stack.functions.ExchangeClearinghouseFiles!;
    const props = resources[logicalId(fn.function)]!.Properties;
    expect(props.ReservedConcurrentExecutions).toBe(1);
    const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).toMatchObject({
      SFTP_CONNECTOR_ID: { 'Fn::GetAtt': [stack.getLogicalId(sftp.connector), 'ConnectorId'] },
      SFTP_REMOTE_INBOUND_DIRECTORY: '/inbound',
      SFTP_REMOTE_OUTBOUND_DIRECTORY: '/outbound',
    });
    expect(JSON.stringify(variables.SFTP_RETRIEVE_INTO)).toContain('/inbound/clearinghouse');
    const policy = policyOf(fn.role);
    expect(policy).toContain(
      `"Action":["transfer:StartDirectoryListing","transfer:StartFileTransfer"],"Effect":"Allow","Resource":{"Fn::GetAtt":["${stack.getLogicalId(sftp.connector)}","Arn"]}`,
    );
    const rule = ofType('AWS::Events::Rule').find((r) => JSON.stringify(r.Properties.Targets).includes(logicalId(fn.function)))!;
    expect(rule.Properties.ScheduleExpression).toBe('rate(15 minutes)');
  });

  it('passes cdk-nag with every acknowledgement on its resource', () => {
    const findings = [new AwsSolutionsChecks(), new HIPAASecurityChecks()].flatMap((pack) =>
      pack.validateScope(app).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    );
    expect(findings).toEqual([]);
  });
});

describe('stages without an SFTP clearinghouse', () => {
  it('deploy neither the connector nor the exchange function', () => {
    const { stack: dev, template: devTemplate } = synthesize();
    expect(dev.clearinghouseSftp).toBeUndefined();
    expect(dev.functions.ExchangeClearinghouseFiles).toBeUndefined();
    expect(
      Object.values(devTemplate.toJSON().Resources as Record<string, Resource>).some((r) => r.Type === 'AWS::Transfer::Connector'),
    ).toBe(false);
    expect(appModel.functions.find((f) => f.name === 'ExchangeClearinghouseFiles')?.onlyWithClearinghouseSftp).toBe(true);
  });

  it('refuse a malformed setting, or one for the sandbox payer, naming what is wrong', () => {
    const configOf = (context: Record<string, unknown>) => stageConfig(new App({ context: { ...cdkContext, ...context } }).node);
    expect(() => configOf({ clearinghouseSftp: JSON.stringify({ ...settings, url: 'ftp://x', trustedHostKeys: [] }) })).toThrow(
      /clearinghouseSftp.url must be sftp:\/\/host.*clearinghouseSftp.trustedHostKeys must list/,
    );
    expect(() => configOf({ stage: 'sandbox', clearinghouseSftp: JSON.stringify(settings) })).toThrow(
      /clearinghouseSftp is for a real payer connection/,
    );
  });
});
