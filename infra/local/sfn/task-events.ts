import { localRegion } from '#infra/local/credentials.ts';
import { dataField, type ExecutionHistory } from './history.ts';
import type { ResourceRef } from './resources.ts';

/** The history events of one Task attempt, named as AWS names them for a Lambda ARN or a service integration. */
export interface TaskEvents {
  scheduled(input: unknown, limits: { timeoutInSeconds?: number; heartbeatInSeconds?: number }): void;
  /** The request part of a `.sync` or `.waitForTaskToken` integration went through. */
  submitted(output: unknown): void;
  succeeded(output: unknown): void;
  /** A failure; `States.Timeout` is recorded as a timeout. */
  failed(error: Error): void;
}

/** Records a Task attempt's events in `history` (none for a distributed Map child, whose history is null). */
export function taskEvents(history: ExecutionHistory | null, ref: ResourceRef): TaskEvents {
  if (ref.kind === 'lambdaArn') {
    return {
      scheduled: (input, limits) => {
        history?.add('LambdaFunctionScheduled', { resource: ref.functionArn, ...dataField('input', input), ...limits });
        history?.add('LambdaFunctionStarted');
      },
      submitted: () => undefined,
      succeeded: (output) => history?.add('LambdaFunctionSucceeded', dataField('output', output)),
      failed: (error) => {
        const type = error.name === 'States.Timeout' ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed';
        history?.add(type, { error: error.name, cause: error.message });
      },
    };
  }
  const resourceType = ref.kind === 'integration' ? ref.service : 'lambda';
  const resource =
    ref.kind === 'integration'
      ? `${ref.action}${{ request: '', sync: '.sync', sync2: '.sync:2', token: '.waitForTaskToken' }[ref.pattern]}`
      : '';
  return {
    scheduled: (input, limits) => {
      history?.add('TaskScheduled', { resourceType, resource, region: localRegion, parameters: JSON.stringify(input ?? null), ...limits });
      history?.add('TaskStarted', { resourceType, resource });
    },
    submitted: (output) => history?.add('TaskSubmitted', { resourceType, resource, ...dataField('output', output) }),
    succeeded: (output) => history?.add('TaskSucceeded', { resourceType, resource, ...dataField('output', output) }),
    failed: (error) => {
      const type = error.name === 'States.Timeout' ? 'TaskTimedOut' : 'TaskFailed';
      history?.add(type, { resourceType, resource, error: error.name, cause: error.message });
    },
  };
}
