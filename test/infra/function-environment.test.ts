/**
 * A function's declared `environment` reaches its Lambda configuration (the CDK app), beside what its
 * access derives; names that would shadow a derived, Lambda or platform variable are refused.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { appModel, declaredEnvironment, type AppModel, type FunctionSpec } from '#infra/app-model.ts';
import { repoRoot } from '#infra/aws/app.ts';
import { PatientAccountsStack } from '#infra/aws/patient-accounts-stack.ts';
import { stageConfig } from '#infra/aws/stage.ts';
import { cdkContext } from './app.ts';

/** The real model with `environment` declared on one function. */
function modelWith(name: string, environment: Record<string, string>): AppModel {
  return { ...appModel, functions: appModel.functions.map((f) => (f.name === name ? { ...f, environment } : f)) };
}

describe('a function declares its own settings', () => {
  it('CheckEligibility told a 12-hour reuse window gets ELIGIBILITY_REUSE_HOURS in AWS, beside its derived TABLE_NAME; the others do not', () => {
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
    const stack = new PatientAccountsStack(app, 'EnvironmentTest', {
      model: modelWith('CheckEligibility', { ELIGIBILITY_REUSE_HOURS: '12' }),
      stage: stageConfig(app.node),
      rootDir: repoRoot,
    });
    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const variablesOf = (name: string) =>
      (
        functions[stack.getLogicalId(stack.functions[name]!.function.node.defaultChild as never)]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
    expect(variablesOf('CheckEligibility')).toMatchObject({ ELIGIBILITY_REUSE_HOURS: '12', LOG_LEVEL: 'INFO' });
    expect(variablesOf('CheckEligibility')).toHaveProperty('TABLE_NAME');
    expect(variablesOf('SubmitClaims')).not.toHaveProperty('ELIGIBILITY_REUSE_HOURS');
  });

  it('refuses names the access derives, that Lambda reserves, that every function gets, or that are not upper-case', () => {
    const fn = (environment: Record<string, string>): FunctionSpec => ({ ...appModel.functions[0]!, environment });
    expect(() => declaredEnvironment(fn({ TABLE_NAME: 'x' }), { TABLE_NAME: 'patient-accounts' })).toThrow(
      /derived from the function's access/,
    );
    expect(() => declaredEnvironment(fn({ AWS_REGION: 'x' }))).toThrow(/reserved by Lambda/);
    expect(() => declaredEnvironment(fn({ LOG_LEVEL: 'DEBUG' }))).toThrow(/set on every function/);
    expect(() => declaredEnvironment(fn({ reuse: '1' }))).toThrow(/not an upper-case name/);
    expect(declaredEnvironment(fn({ ELIGIBILITY_REUSE_HOURS: '6' }), { TABLE_NAME: 't' })).toEqual({ ELIGIBILITY_REUSE_HOURS: '6' });
  });
});
