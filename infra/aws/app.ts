import { App } from 'aws-cdk-lib';
import { appModel } from '#infra/app-model.ts';
import { PatientAccountsStack } from './patient-accounts-stack.ts';

/** The CDK app: `npm run synth` (offline) or `cdk deploy`. */
const app = new App();
new PatientAccountsStack(app, 'PatientAccounts', {
  model: appModel,
  description: 'Patient accounts automation: claims, remittances and payments (holds PHI)',
  ...(process.env.CDK_DEFAULT_ACCOUNT ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } } : {}),
});
app.synth();
