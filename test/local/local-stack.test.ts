import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppModel, FunctionSpec } from '#infra/app-model.ts';
import { patientAccountsTable } from '#functions/store/table-definition.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

const DAY = 86_400_000;
const fixtures = 'test/fixtures/local-stack';

const fn = (name: string): FunctionSpec => ({ name, entry: `${fixtures}/unused.ts`, description: name, timeoutSeconds: 30, memoryMb: 128 });
const sm = (name: string, file: string) => ({ name, file: `${fixtures}/${file}`, description: name });

const model: AppModel = {
  table: patientAccountsTable,
  buckets: [
    { name: 'Inbox', description: 'inbox' },
    { name: 'Reports', description: 'reports' },
  ],
  functions: [fn('RequestApproval'), fn('FlakyPayer'), fn('Echo'), fn('ProcessBatch')],
  stateMachines: [
    sm('Callback', 'callback.asl.json'),
    sm('Heartbeat', 'heartbeat.asl.json'),
    sm('Retry', 'retry.asl.json'),
    sm('LongWait', 'long-wait.asl.json'),
    sm('ExecutionTimeout', 'execution-timeout.asl.json'),
    sm('BatchMap', 'batch-map.asl.json'),
    sm('Parent', 'parent.asl.json'),
    sm('Child', 'child.asl.json'),
    sm('Integrations', 'integrations.asl.json'),
  ],
  triggers: [{ bucket: 'Inbox', prefix: 'approvals/', stateMachine: 'Callback' }],
};

/** What the test handlers saw, reset before each test. */
const seen = {
  approvalRequests: [] as { claimId: string; taskToken: string }[],
  payerCalls: 0,
  payerFailures: 0,
  batches: [] as { Items: { claimId: string; position: number }[]; BatchInput: { fileKey: string } }[],
};

const handlers = {
  RequestApproval: (event: unknown) => {
    const { request, claimId, taskToken } = event as {
      request?: { claimId?: string; detail?: { object: { key: string } } };
      claimId?: string;
      taskToken: string;
    };
    seen.approvalRequests.push({ claimId: claimId ?? request?.claimId ?? request?.detail?.object.key ?? '', taskToken });
    return { requested: true };
  },
  FlakyPayer: (event: unknown) => {
    seen.payerCalls++;
    if (seen.payerCalls <= seen.payerFailures) throw Object.assign(new Error('Payer gateway answered 503'), { name: 'PayerUnavailable' });
    return { accepted: true, claimId: (event as { claimId: string }).claimId };
  },
  Echo: (event: unknown) => ({ echoed: event }),
  ProcessBatch: (event: unknown) => {
    const batch = event as (typeof seen.batches)[number];
    seen.batches.push(batch);
    return { posted: batch.Items.length };
  },
};

let stack: LocalStack;
let sfn: SFNClient;
let s3: S3Client;
let lambda: LambdaClient;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  stack = await startLocalStack({ model, handlers });
  const config = { region: 'us-east-1', credentials: localCredentials };
  sfn = new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions });
  lambda = new LambdaClient({ ...config, endpoint: stack.endpoints.lambda });
  s3 = new S3Client({ ...config, endpoint: stack.endpoints.s3, forcePathStyle: true });
  dynamodb = new DynamoDBClient({ ...config, endpoint: stack.endpoints.dynamodb });
});

afterAll(async () => {
  await stack?.stop();
});

beforeEach(() => {
  seen.approvalRequests = [];
  seen.payerCalls = 0;
  seen.payerFailures = 0;
  seen.batches = [];
});

async function start(machine: string, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.stateMachineArns[machine],
      input: JSON.stringify(input),
      ...(name ? { name } : {}),
    }),
  );
  await stack.settle();
  return executionArn!;
}

async function describe_(executionArn: string) {
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 7, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

describe('S3 trigger and task-token callbacks', () => {
  it('starts an execution for an object under the watched prefix and resumes it on SendTaskSuccess', async () => {
    await s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'approvals/claim-1001.json', Body: '{}' }));
    await s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: 'elsewhere/claim-1002.json', Body: '{}' }));
    await stack.settle();

    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.Callback }));
    const started = executions!.filter((e) => e.status === 'RUNNING');
    expect(started).toHaveLength(1);
    const input = JSON.parse((await describe_(started[0]!.executionArn!)).input!);
    expect(input['detail-type']).toBe('Object Created');
    expect(input.detail.object.key).toBe('approvals/claim-1001.json');

    expect(seen.approvalRequests.map((r) => r.claimId)).toEqual(['approvals/claim-1001.json']);
    const { taskToken } = seen.approvalRequests[0]!;
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approvedBy: 'supervisor-7' }) }));
    await stack.settle();

    const done = await describe_(started[0]!.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ decision: { approvedBy: 'supervisor-7' }, outcome: 'approved' });

    // A token can be used once.
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('records the callback in the history in the order AWS does', async () => {
    const arn = await start('Callback', { claimId: 'C-2001' });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: seen.approvalRequests[0]!.taskToken, output: '{"ok":true}' }));
    await stack.settle();
    const events = await history(arn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[1]!.stateEnteredEventDetails).toMatchObject({ name: 'AwaitApproval' });
    expect(events[2]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      timeoutInSeconds: 2592000,
    });
    expect(events[0]!.timestamp).toBeInstanceOf(Date);
  });

  it('routes SendTaskFailure to the matching Catch', async () => {
    const arn = await start('Callback', { claimId: 'C-2002' });
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: seen.approvalRequests[0]!.taskToken,
        error: 'ApprovalDenied',
        cause: 'Write-off over limit',
      }),
    );
    await stack.settle();
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      outcome: 'denied',
      denial: { Error: 'ApprovalDenied', Cause: 'Write-off over limit' },
    });
  });

  it('times a waiting task out on the simulated clock, 30 days in milliseconds', async () => {
    const arn = await start('Callback', { claimId: 'C-2003' });
    const { taskToken } = seen.approvalRequests[0]!;
    await stack.advanceClock(29 * DAY);
    expect((await describe_(arn)).status).toBe('RUNNING');
    await stack.advanceClock(1 * DAY);
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'escalated', timeout: { Error: 'States.Timeout' } });
    expect((await history(arn)).map((e) => e.type)).toContain('TaskTimedOut');
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('keeps a task alive while heartbeats arrive and times it out when they stop', async () => {
    const arn = await start('Heartbeat', { claimId: 'C-2004' });
    const { taskToken } = seen.approvalRequests[0]!;
    for (let i = 0; i < 3; i++) {
      await stack.advanceClock(50 * 60_000);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    }
    expect((await describe_(arn)).status).toBe('RUNNING');
    await stack.advanceClock(61 * 60_000);
    const done = await describe_(arn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Timeout');
  });

  it('rejects tokens it never issued with the errors AWS gives', async () => {
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'AQunknown' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });
});

describe('Retry, Catch and service integrations', () => {
  it('retries a failing task per its Retry field, on the clock, then succeeds', async () => {
    seen.payerFailures = 2;
    const arn = await start('Retry', { claimId: 'C-3001' });
    expect(seen.payerCalls).toBe(1);
    await stack.advanceClock(600_000);
    expect(seen.payerCalls).toBe(2);
    await stack.advanceClock(1_200_000);
    expect(seen.payerCalls).toBe(3);
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).payer).toEqual({ accepted: true, claimId: 'C-3001' });
    const types = (await history(arn)).map((e) => e.type);
    expect(types.filter((t) => t === 'LambdaFunctionFailed')).toHaveLength(2);
    expect(types.filter((t) => t === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  it('catches the error when retries run out and writes the work-queue item through the DynamoDB integration', async () => {
    seen.payerFailures = 99;
    const arn = await start('Retry', { claimId: 'C-3002' });
    await stack.advanceClock(DAY);
    expect(seen.payerCalls).toBe(3);
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.error.Error).toBe('PayerUnavailable');
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorType: 'PayerUnavailable', errorMessage: 'Payer gateway answered 503' });
    expect(output.workQueue).toEqual({ error: 'PayerUnavailable' });
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: 'WORKQUEUE#C-3002' }, sk: { S: 'PAYER_UNAVAILABLE' } } }),
    );
    expect(item.Item?.error?.S).toBe('PayerUnavailable');
  });

  it('updates an item and starts another workflow without waiting (dynamodb:updateItem, states:startExecution)', async () => {
    const first = await start('Integrations', { claimId: 'C-3010' });
    const second = await start('Integrations', { claimId: 'C-3010' });
    const [a, b] = [JSON.parse((await describe_(first)).output!), JSON.parse((await describe_(second)).output!)];
    expect([a.counter.attempts, b.counter.attempts]).toEqual(['1', '2']);
    const child = await describe_(b.handOff.childArn);
    expect(child.status).toBe('SUCCEEDED');
    expect(JSON.parse(child.output!)).toEqual({ echoed: { claimId: 'C-3010' } });
  });

  it('starts a child workflow and waits for its output (states:startExecution.sync:2)', async () => {
    const arn = await start('Parent', { claimId: 'C-3003' });
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ childOutput: { echoed: { claimId: 'C-3003' } }, childStatus: 'SUCCEEDED' });
  });
});

describe('Simulated clock', () => {
  it('lets a 60-day Wait pass in milliseconds, and not a moment early', async () => {
    const arn = await start('LongWait', { waitSeconds: 60 * 86_400 });
    await stack.advanceClock(59 * DAY);
    expect((await describe_(arn)).status).toBe('RUNNING');
    await stack.advanceClock(DAY);
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate!.getTime() - done.startDate!.getTime()).toBeGreaterThanOrEqual(60 * DAY);
  });

  it('times out a whole execution per its TimeoutSeconds', async () => {
    const arn = await start('ExecutionTimeout', {});
    await stack.advanceClock(DAY);
    const done = await describe_(arn);
    expect(done.status).toBe('TIMED_OUT');
    expect((await history(arn)).at(-1)!.type).toBe('ExecutionTimedOut');
  });
});

describe('Distributed Map over S3', () => {
  it('processes every JSON Lines item exactly once, in batches', async () => {
    const claims = Array.from({ length: 25 }, (_, i) => ({ claimId: `C-${4000 + i}` }));
    const key = 'postings/remit-77.jsonl';
    await s3.send(
      new PutObjectCommand({ Bucket: stack.bucketNames.Reports, Key: key, Body: claims.map((c) => JSON.stringify(c)).join('\n') + '\n' }),
    );
    const arn = await start('BatchMap', { bucket: stack.bucketNames.Reports, key });
    const done = await describe_(arn);
    expect(done.status).toBe('SUCCEEDED');
    const posted = seen.batches.flatMap((b) => b.Items.map((i) => i.claimId)).sort();
    expect(posted).toEqual(claims.map((c) => c.claimId).sort());
    expect(seen.batches.every((b) => b.Items.length <= 3 && b.BatchInput.fileKey === key)).toBe(true);
    const positions = seen.batches.flatMap((b) => b.Items.map((i) => i.position)).sort((a, b) => a - b);
    expect(positions).toEqual(claims.map((_, i) => i));
    expect(JSON.parse(done.output!).batches).toHaveLength(9);
    expect((await history(arn)).map((e) => e.type)).toEqual(expect.arrayContaining(['MapRunStarted', 'MapRunSucceeded']));
  });
});

describe('Step Functions API as SDK clients call it', () => {
  it('lists executions by status, newest first, page by page', async () => {
    const names = ['page-a', 'page-b', 'page-c'];
    for (const name of names) await start('Callback', { claimId: name }, name);
    await sfn.send(
      new StopExecutionCommand({
        executionArn: `${stack.stateMachineArns.Callback!.replace(':stateMachine:', ':execution:')}:page-b`,
        error: 'Ops.Cancelled',
        cause: 'duplicate',
      }),
    );
    await stack.settle();
    const running: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.Callback, statusFilter: 'RUNNING', maxResults: 1, nextToken }),
      );
      running.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(running).toEqual(expect.arrayContaining(['page-a', 'page-c']));
    expect(running).not.toContain('page-b');
    const aborted = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.Callback, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions!.map((e) => e.name)).toContain('page-b');
    const stopped = await describe_(aborted.executions!.find((e) => e.name === 'page-b')!.executionArn!);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Ops.Cancelled', cause: 'duplicate' });
  });

  it('treats a repeated StartExecution with the same name and input as the same execution', async () => {
    const first = await start('Callback', { claimId: 'same' }, 'idempotent-1');
    const again = await start('Callback', { claimId: 'same' }, 'idempotent-1');
    expect(again).toBe(first);
    await expect(start('Callback', { claimId: 'other' }, 'idempotent-1')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('describes state machines and answers unknown executions with AWS error codes', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => m.name)).toEqual(expect.arrayContaining(['Callback', 'Retry', 'BatchMap']));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stack.stateMachineArns.Retry }));
    expect(described.status).toBe('ACTIVE');
    expect(described.definition).toContain(stack.tableName);
    expect(described.definition).not.toContain('${TableName}');
    await expect(describe_(`${stack.stateMachineArns.Retry!.replace(':stateMachine:', ':execution:')}:nope`)).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArns.Retry, input: '{not json' })),
    ).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
  });

  it('answers an operation it does not implement with the AWS error shape, not a crash', async () => {
    const response = await fetch(stack.endpoints.stepFunctions, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateActivity' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toMatchObject({ __type: expect.stringContaining('UnknownOperationException') });
  });
});

describe('Local API server under malformed requests', () => {
  /** POSTs a Step Functions request through `agent`, so consecutive calls share its connection. */
  function post(agent: Agent, target: string, body: Buffer | string): Promise<{ status: number; errorType: unknown; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        stack.endpoints.stepFunctions,
        { method: 'POST', agent, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, errorType: res.headers['x-amzn-errortype'], text: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers an oversized request with a 413 and keeps the connection usable for the next one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const oversized = await post(agent, 'ListStateMachines', Buffer.alloc(7 * 1024 * 1024, ' '));
      expect(oversized).toMatchObject({ status: 413, errorType: 'RequestEntityTooLargeException' });
      const next = await post(agent, 'ListStateMachines', '{}');
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('answers a request body that is JSON but not an object with a 400 SerializationException', async () => {
    const agent = new Agent();
    try {
      for (const body of ['null', '[]', '42']) {
        expect(await post(agent, 'DescribeExecution', body)).toMatchObject({ status: 400, errorType: 'SerializationException' });
      }
    } finally {
      agent.destroy();
    }
  });

  it('rejects a StartExecution input that is not a string with a 400 ValidationException naming the field', async () => {
    const agent = new Agent();
    try {
      for (const input of [42, { claimId: 'C-5003' }, ['C-5003'], true]) {
        const answer = await post(agent, 'StartExecution', JSON.stringify({ stateMachineArn: stack.stateMachineArns.Retry, input }));
        expect(answer).toMatchObject({ status: 400, errorType: 'ValidationException' });
        expect(JSON.parse(answer.text)).toMatchObject({ message: expect.stringContaining("'input'") });
      }
    } finally {
      agent.destroy();
    }
  });
});

describe('JSON nested deeper than the local stack accepts', () => {
  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('answers a Lambda Invoke with InvalidRequestContentException instead of running the function', async () => {
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: deep(5000) }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers StartExecution with InvalidExecutionInput', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: stack.stateMachineArns.Retry, input: deep(5000) })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput', $metadata: { httpStatusCode: 400 } });
  });

  it('still accepts a payload nested a thousand levels deep', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: deep(999) }));
    expect(result.FunctionError).toBeUndefined();
  });
});

describe('Local clock endpoint', () => {
  it('rejects a malformed clock request with a 400 and leaves the clock alone', async () => {
    const before = stack.clock.now();
    for (const body of ['{not json', '{"ms":-5}', '{"ms":"7d"}']) {
      const response = await fetch(`${stack.endpoints.stepFunctions}/_local/clock/advance`, { method: 'POST', body });
      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
    }
    expect(stack.clock.now()).toBe(before);
  });
});

describe('Lambda Invoke API', () => {
  it('invokes a function with RequestResponse and returns its payload', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: JSON.stringify({ claimId: 'C-5001' }) }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toEqual({ echoed: { claimId: 'C-5001' } });
  });

  it('reports a function error the way Lambda does', async () => {
    seen.payerFailures = 1;
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'FlakyPayer', Payload: '{}' }));
    expect(result.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toMatchObject({ errorType: 'PayerUnavailable' });
  });

  it('accepts an Event invocation and runs it in the background', async () => {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'RequestApproval',
        InvocationType: 'Event',
        Payload: JSON.stringify({ claimId: 'C-5002', taskToken: 'x' }),
      }),
    );
    expect(result.StatusCode).toBe(202);
    await stack.settle();
    expect(seen.approvalRequests.map((r) => r.claimId)).toEqual(['C-5002']);
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'NoSuchFunction' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
