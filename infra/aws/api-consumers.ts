import { Stack } from 'aws-cdk-lib';
import { ArnPrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { AppModel } from '#infra/app-model.ts';
import type { ApplicationFunction } from './application-function.ts';

/**
 * One alias per API function and consumer, named after the consumer, on the function's current
 * version; its resource policy lets only that consumer's IAM principal invoke it. The function knows
 * its caller from the alias it was invoked through (functions/api/caller.ts). A consumer without a
 * principal in the stage's context is not deployed in that stage.
 */
export class ApiConsumers extends Construct {
  /** The aliases, by `<function>/<consumer>`. */
  readonly aliases: Readonly<Record<string, Alias>>;

  constructor(
    scope: Construct,
    id: string,
    props: {
      readonly model: AppModel;
      readonly functions: Readonly<Record<string, ApplicationFunction>>;
      /** Consumer name to its IAM principal: an ARN, or `role/NAME` in this stack's account (stage context `consumers`). */
      readonly principals: Readonly<Record<string, string>>;
    },
  ) {
    super(scope, id);
    const known = new Set((props.model.apiConsumers ?? []).map((c) => c.name));
    for (const name of Object.keys(props.principals))
      if (!known.has(name)) throw new Error(`consumers: ${name} is not a consumer of the model`);
    const stack = Stack.of(this);
    const arnOf = (principal: string) =>
      principal.startsWith('arn:') ? principal : `arn:${stack.partition}:iam::${stack.account}:${principal}`;
    const aliases: Record<string, Alias> = {};
    for (const consumer of props.model.apiConsumers ?? []) {
      const principal = props.principals[consumer.name];
      if (!principal) continue;
      for (const api of consumer.apis) {
        const fn = props.functions[api];
        if (!fn) continue; // not deployed in this stage
        const alias = new Alias(this, `${api}-${consumer.name}`, {
          aliasName: consumer.name,
          version: fn.function.currentVersion,
          description: `${consumer.name} calls ${api} through this alias: ${consumer.description}`,
        });
        alias.addPermission('ConsumerInvokes', { principal: new ArnPrincipal(arnOf(principal)), action: 'lambda:InvokeFunction' });
        aliases[`${api}/${consumer.name}`] = alias;
      }
    }
    this.aliases = aliases;
  }
}
