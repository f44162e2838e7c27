/**
 * Other services (and `rcm load --stage`) call a deployed stage's APIs by name, without looking anything
 * up: each API function is named `PatientAccounts-<stage>-<Api>` (infra/aws/names.ts); the functions
 * nobody outside calls keep CloudFormation's generated names.
 */
import { describe, expect, it } from 'vitest';
import { consumersOf } from '#infra/app-model.ts';
import { apiFunctionNameOf, stackNameOf } from '#infra/aws/names.ts';
import { apiCatalog } from '#schemas/api-catalog.ts';
import { synthesize } from './app.ts';

const { stack, template } = synthesize();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const nameOf = (fn: string) => {
  const logicalId = stack.resolve(
    (stack.functions[fn]!.function.node.defaultChild as unknown as { logicalId: string }).logicalId,
  ) as string;
  return resources[logicalId]!.Properties.FunctionName;
};

describe('API function names', () => {
  it('follow the naming rule for every API of the catalog, and only for them', () => {
    expect(stack.stackName).toBe(stackNameOf('dev'));
    for (const api of Object.keys(apiCatalog)) expect(nameOf(api), api).toBe(apiFunctionNameOf('dev', api));
    for (const fn of stack.model.functions.filter((f) => consumersOf(stack.model, f.name).length === 0))
      expect(nameOf(fn.name), fn.name).toBeUndefined();
  });

  it('are Lambda names in every stage', () => {
    expect(apiFunctionNameOf('sandbox', 'RegisterPayerProfile')).toBe('PatientAccounts-sandbox-RegisterPayerProfile');
    expect(() => apiFunctionNameOf('dev', 'A'.repeat(60))).toThrow(/is not a Lambda function name/);
  });
});
