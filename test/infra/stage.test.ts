import { App } from 'aws-cdk-lib';
import { prodSettings } from './app.ts';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '#functions/errors/index.ts';
import { payerGateway } from '#functions/payers/configured.ts';
import { stageConfig } from '#infra/aws/stage.ts';
import { cdkContext } from './app.ts';

const configOf = (context: Record<string, unknown>) => stageConfig(new App({ context: { ...cdkContext, ...context } }).node);

describe('stage configuration from CDK context', () => {
  it('reads dev by default, with a real payer connection and test identities', () => {
    const config = configOf({});
    expect(config.stage).toBe('dev');
    expect(config.payer).toMatchObject({
      gateway: 'real',
      coreSecretId: 'patient-accounts/dev/clearinghouse-core',
      x12: { usageIndicator: 'T' },
    });
    expect(config.logRetentionDays).toBe(30);
  });

  it('names a setting given as text that is not JSON, with the other problems, instead of failing on it', () => {
    expect(() => configOf({ stage: 'sandbox', console: '{cognitoDomainPrefix:' })).toThrow(/console is not JSON/);
    expect(() => configOf({ clearinghouseSftp: 'sftp://x' })).toThrow(/clearinghouseSftp is not JSON/);
    expect(() => configOf({ consumers: '[oops' })).toThrow(/consumers is not JSON/);
  });

  it('lets -c key=value override the stage defaults', () => {
    expect(configOf({ alarmEmail: 'billing-ops@hospital.example', logRetentionDays: '365' })).toMatchObject({
      alarmEmail: 'billing-ops@hospital.example',
      logRetentionDays: 365,
    });
  });

  it('refuses prod without the hospital’s identities and alarm address, naming each missing key', () => {
    expect(() => configOf({ stage: 'prod' })).toThrow(/x12SenderId is not set.*x12ReceiverId is not set.*alarmEmail is not set/);
    const prod = configOf({ stage: 'prod', ...prodSettings });
    expect(prod.payer).toMatchObject({ gateway: 'real', x12: { usageIndicator: 'P' } });
    expect(prod.retainLogs).toBe(true);
  });

  it('runs the deployed sandbox payer in the sandbox stage, and only there', () => {
    expect(configOf({ stage: 'sandbox' }).payer).toEqual({ gateway: 'sandbox-remote' });
    expect(() => configOf({ payerGateway: 'sandbox' })).toThrow(/payerGateway "sandbox" is for the sandbox stage only/);
    expect(() => configOf({ stage: 'sandbox', payerGateway: 'real' })).toThrow(/the sandbox stage runs the sandbox payer/);
  });

  it('refuses an unknown stage, an unknown setting and a retention CloudWatch does not offer', () => {
    expect(() => configOf({ stage: 'staging' })).toThrow(/Unknown stage "staging"/);
    expect(() => configOf({ logRetentionDays: '31' })).toThrow(/logRetentionDays must be one of/);
    expect(() => configOf({ stages: { dev: { ...(cdkContext.stages as { dev: object }).dev, alarmMail: 'x@y.z' } } })).toThrow(
      /unknown setting alarmMail/,
    );
  });
});

describe('a function missing its configuration', () => {
  it('fails with the non-retryable ConfigurationError when PAYER_GATEWAY is not set', () => {
    expect(() => payerGateway({})).toThrow(ConfigurationError);
    expect(() => payerGateway({})).toThrow(/PAYER_GATEWAY is not set/);
    expect(new ConfigurationError('x').retryable).toBe(false);
  });

  it('fails with ConfigurationError when it asks for the embedded sandbox payer outside the local stack', () => {
    expect(() => payerGateway({ PAYER_GATEWAY: 'sandbox' })).toThrow(ConfigurationError);
  });

  it('fails with ConfigurationError when the deployed sandbox payer lacks where its memory is', () => {
    expect(() => payerGateway({ PAYER_GATEWAY: 'sandbox-remote', SANDBOX_PAYER_BUCKET_NAME: 'outbox' })).toThrow(
      /SANDBOX_PAYER_TABLE_NAME is not set/,
    );
  });

  it('fails with ConfigurationError when the real gateway lacks its secret', () => {
    expect(() => payerGateway({ PAYER_GATEWAY: 'real', OUTBOX_BUCKET_NAME: 'outbox' })).toThrow(/PAYER_CORE_SECRET_ID is not set/);
  });
});
