import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { appModel } from '#infra/app-model.ts';
import { repoRoot } from '#infra/local/paths.ts';
import { acknowledgeFindings } from './nag.ts';
import { stackNameOf } from './names.ts';
import { PatientAccountsStack } from './patient-accounts-stack.ts';
import { stageConfig } from './stage.ts';

export { repoRoot };

/**
 * Builds the app for the stage named in context, with cdk-nag's AWS Solutions and HIPAA Security packs
 * as validation plugins: an unacknowledged finding fails the synth.
 */
export function buildApp(app: App = new App()): { app: App; stack: PatientAccountsStack } {
  const stage = stageConfig(app.node);
  const stack = new PatientAccountsStack(app, stackNameOf(stage.stage), {
    model: appModel,
    stage,
    rootDir: repoRoot,
    description: `Patient accounts automation (${stage.stage}): claims, remittances and payments (holds PHI)`,
    ...(process.env.CDK_DEFAULT_ACCOUNT
      ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
      : {}),
  });
  acknowledgeFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, stack };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildApp().app.synth();
