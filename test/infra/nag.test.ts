import { Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { prodSettings, synthesize } from './app.ts';

const findings = (scope: IConstruct) =>
  [new AwsSolutionsChecks(), new HIPAASecurityChecks()].flatMap((pack) =>
    pack.validateScope(scope).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
  );

/** Every acknowledgement recorded in the tree: where, which rule, why. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string; onStack: boolean }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
          onStack: Stack.isStack(construct),
        })),
      ),
  );
}

describe('cdk-nag (AWS Solutions and HIPAA Security)', () => {
  const { app, stack } = synthesize();

  it('reports no finding that is not acknowledged', () => {
    expect(findings(app)).toEqual([]);
  });

  it('acknowledges each finding on its resource, never on the stack or the app, with a reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.onStack, `${ack.id} on ${ack.path}`).toBe(false);
      expect(ack.path, ack.id).not.toBe('');
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThan(30);
    }
  });

  it('fails on a new finding', () => {
    new Queue(stack, 'UnencryptedQueueAddedByMistake');
    const added = findings(app).filter((f) => f.includes('UnencryptedQueueAddedByMistake'));
    expect(added.length).toBeGreaterThan(0);
  });
});

describe('every stage', () => {
  it.each([
    ['sandbox', {}],
    ['prod', prodSettings],
  ] as const)('%s synthesizes with no unacknowledged finding', (stage, settings) => {
    const { app, stack, template } = synthesize({ stage, ...settings });
    expect(findings(app)).toEqual([]);
    const payerFunctions = stack.model.functions.filter((fn) => fn.access?.payerGateway).map((fn) => stack.functions[fn.name]!.function);
    for (const fn of payerFunctions) {
      const env = (
        template.toJSON().Resources[stack.resolve((fn.node.defaultChild as unknown as { logicalId: string }).logicalId)].Properties
          .Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(env.PAYER_GATEWAY).toBe(stage === 'sandbox' ? 'sandbox-remote' : 'real');
    }
    expect(JSON.stringify(template.toJSON()).includes('secretsmanager:GetSecretValue')).toBe(stage !== 'sandbox');
  });
});
