import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, repoRoot } from '#infra/aws/app.ts';
import type { PatientAccountsStack } from '#infra/aws/patient-accounts-stack.ts';

/** The context in cdk.json, as `cdk synth` passes it to the app. */
export const cdkContext = (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

export interface SynthesizedApp {
  readonly app: App;
  readonly stack: PatientAccountsStack;
  readonly template: Template;
}

/**
 * The CDK app as `npm run synth` builds it (cdk.json context, cdk-nag plugins), plus `context`; the
 * Lambda code is not bundled (`aws:cdk:bundling-stacks` empty), which the synth in CI covers.
 */
export function synthesize(context: Record<string, unknown> = {}): SynthesizedApp {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context } });
  const { stack } = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}

/** A hospital's identities and alarm address, as a prod deployment gives them in CDK context (fictitious). */
export const prodSettings = {
  x12SenderId: 'HOSPITAL01',
  x12ReceiverId: 'CLEARHOUSE',
  submitterName: 'GENERAL HOSPITAL',
  submitterContactName: 'PATIENT ACCOUNTS',
  submitterContactPhone: '5555550199',
  receiverName: 'CLEARINGHOUSE',
  alarmEmail: 'billing-ops@hospital.example',
};
