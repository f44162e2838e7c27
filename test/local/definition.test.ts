import { describe, expect, it } from 'vitest';
import { substitute } from '#infra/app-model.ts';
import { InvalidDefinitionError, parseDefinition, validateDefinition } from '#infra/local/sfn/definition.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { patientAccountsTable } from '#functions/store/table-definition.ts';

const lambdaArn = 'arn:aws:lambda:us-east-1:000000000000:function:Echo';

function problemsOf(definition: unknown): string {
  try {
    validateDefinition(definition as never, 'workflows/sample.asl.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
}

describe('workflow validation at start-up', () => {
  it('names the state and the reason for a transition to a missing state', () => {
    const message = problemsOf({ StartAt: 'Scrub', States: { Scrub: { Type: 'Task', Resource: lambdaArn, Next: 'Submit' } } });
    expect(message).toContain('workflows/sample.asl.json');
    expect(message).toContain('Submit');
  });

  it('rejects a resource the local stack cannot run, naming the state', () => {
    const message = problemsOf({
      StartAt: 'Notify',
      States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
    });
    expect(message).toMatch(/state "Notify": service integration sns:publish is not available/);
  });

  it('rejects JSONata, which the local engine does not evaluate', () => {
    const message = problemsOf({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(message).toContain('JSONata');
  });

  it('accepts a valid workflow with callbacks, integrations and a distributed map', () => {
    expect(() =>
      validateDefinition(
        {
          StartAt: 'Await',
          States: {
            Await: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
              Parameters: { FunctionName: lambdaArn, Payload: { 'token.$': '$$.Task.Token' } },
              Next: 'Record',
            },
            Record: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, End: true },
          },
        } as never,
        'x.asl.json',
      ),
    ).not.toThrow();
  });

  it('reports a file that is not JSON with the file name', () => {
    expect(() => parseDefinition('{ "StartAt": ', 'workflows/broken.asl.json')).toThrow(
      /workflows\/broken\.asl\.json is not a valid state machine/,
    );
  });

  it('names a placeholder no resource stands for', () => {
    expect(() => substitute('{"Resource": "${MissingFunctionArn}"}', {}, 'workflows/x.asl.json')).toThrow(
      /unknown placeholder \$\{MissingFunctionArn\}/,
    );
  });

  it('refuses to start a stack with an invalid workflow file and says which state is wrong', async () => {
    await expect(
      startLocalStack({
        model: {
          table: patientAccountsTable,
          buckets: [],
          functions: [],
          triggers: [],
          stateMachines: [{ name: 'Broken', file: 'test/fixtures/local-stack/invalid/missing-next.asl.json', description: 'broken' }],
        },
      }),
    ).rejects.toThrow(/missing-next\.asl\.json is not a valid state machine[\s\S]*FollowUp/);
  });
});
