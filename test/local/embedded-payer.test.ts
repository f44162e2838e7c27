import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payerGateway } from '#functions/payers/configured.ts';
import { PayerRateLimitedError } from '#functions/payers/gateway.ts';
import { document837, type SandboxClaim } from '#functions/payers/sandbox/index.ts';
import { EXAMPLE_270, EXAMPLE_PARTIES } from '#functions/x12/examples.ts';
import { sequentialControlNumbers, TS270, TS837P, writeInterchange } from '#functions/x12/index.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-03-02T09:00:00Z');

let stack: LocalStack;
let sfn: SFNClient;

beforeAll(async () => {
  stack = await startLocalStack({ clock: new SimulatedClock({ start }) });
  sfn = new SFNClient({ region: stack.region, credentials: localCredentials, endpoint: stack.endpoints.stepFunctions });
});
afterAll(async () => stack?.stop());

function claim(n: string, memberId: string, chargeCents: number): SandboxClaim {
  return {
    patientControlNumber: `EMB${n}`,
    claimType: '837P',
    payerId: 'SBXCOMM01',
    frequencyCode: '1',
    memberId,
    billingProviderNpi: '1234567893',
    billingProviderName: 'EXAMPLE GENERAL HOSPITAL',
    diagnoses: ['J069'],
    notes: [],
    facilityCode: '11',
    lines: [{ lineNumber: 1, procedureCode: '99213', modifiers: [], units: '1', serviceDate: '2026-02-20', chargeCents }],
    totalChargeCents: chargeCents,
  };
}

function batch837(claims: SandboxClaim[]): string {
  const model = document837(claims, 'EMB0001', '2026-03-02') as unknown as Record<string, unknown>;
  return writeInterchange({ ...EXAMPLE_PARTIES, date: '20260302' }, [{ def: TS837P, model }], sequentialControlNumbers(41));
}

async function inboxKeys(): Promise<string[]> {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Inbox, Prefix: 'inbound/' }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

async function intakeOutputs(): Promise<{ key: string; status: string; kind?: string }[]> {
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
  return Promise.all(
    (executions ?? []).map(async (e) => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      return {
        key: JSON.parse(d.input!).detail.object.key as string,
        status: d.status!,
        ...(d.output ? { kind: JSON.parse(d.output).kind as string } : {}),
      };
    }),
  );
}

describe('the sandbox payer is the embedded default gateway', () => {
  it('takes a claim batch and, as simulated time passes, drops the 999, the 277CA and then the 835 into the inbox', async () => {
    const receipt = await payerGateway().submitClaims({
      batchId: 'EMB0001',
      payerId: 'SBXCOMM01',
      files: [{ name: 'claims-0001.837', x12: batch837([claim('1', 'FULL100', 9000), claim('2', 'STD200', 12000)]) }],
    });
    expect(receipt).toMatchObject({ status: 'queued', fileCount: 1 });
    await stack.settle();
    expect(await inboxKeys()).toEqual([]);

    await stack.advanceClock(2 * HOUR);
    const acks = await inboxKeys();
    expect(acks.map((k) => k.split('/').pop()!.split('-')[0])).toEqual(['277CA', '999']);
    // The files start the intake workflow like any payer file, which recognizes them.
    const afterAcks = await intakeOutputs();
    expect(afterAcks.map((x) => [x.status, x.kind]).sort()).toEqual([
      ['SUCCEEDED', '277CA'],
      ['SUCCEEDED', '999'],
    ]);

    await stack.advanceClock(6 * DAY);
    expect((await inboxKeys()).filter((k) => k.includes('/835-'))).toEqual([]);
    await stack.advanceClock(2 * DAY);
    const remits = (await inboxKeys()).filter((k) => k.includes('/835-'));
    expect(remits).toHaveLength(1);
    const outputs = await intakeOutputs();
    expect(outputs.find((o) => o.key === remits[0])).toMatchObject({ status: 'SUCCEEDED', kind: '835' });
    // Acknowledged an hour after receipt; paid on the payment cycle (00:00 UTC) seven days after receipt.
    expect(stack.payer!.sent.map((f) => [f.kind, f.sentAt])).toEqual([
      ['999', '2026-03-02T10:00:00.000Z'],
      ['277CA', '2026-03-02T10:00:00.000Z'],
      ['835', '2026-03-09T00:00:00.000Z'],
    ]);
  });

  it('answers eligibility at once, and rate-limits a BUSY member once so a workflow Retry can be exercised', async () => {
    const x270 = (memberId: string) =>
      writeInterchange(EXAMPLE_PARTIES, [{ def: TS270, model: withMember(EXAMPLE_270, memberId) }], sequentialControlNumbers(70));
    const reply = await payerGateway().checkEligibility(x270('FULL300'), { payerId: 'SBXCOMM01' });
    expect(reply).toContain('ST*271*');
    await expect(payerGateway().checkEligibility(x270('BUSY400'), { payerId: 'SBXCOMM01' })).rejects.toBeInstanceOf(PayerRateLimitedError);
    expect(await payerGateway().checkEligibility(x270('BUSY400'), { payerId: 'SBXCOMM01' })).toContain('ST*271*');
  });
});

/** The example 270 with its subscriber's member id replaced. */
function withMember(model: Record<string, unknown>, memberId: string): Record<string, unknown> {
  const copy = structuredClone(model);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.idQualifier === 'MI') o.id = memberId;
    Object.values(o).forEach(walk);
  };
  walk(copy);
  return copy;
}

describe('the sandbox payer remembers across restarts of a stack with a data directory', () => {
  it('still owes the acknowledgements of a batch it received before the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rcm-payer-'));
    const batch = {
      batchId: 'EMB-RESTART',
      payerId: 'SBXCOMM01',
      files: [{ name: 'claims-0002.837', x12: batch837([claim('3', 'FULL500', 9000)]) }],
    };
    const first = await startLocalStack({ dataDir, clock: new SimulatedClock({ start }) });
    let receipt;
    try {
      receipt = await payerGateway().submitClaims(batch);
    } finally {
      await first.stop();
    }
    const second = await startLocalStack({ dataDir, clock: new SimulatedClock({ start: start + 5 * 60_000 }) });
    try {
      expect(await payerGateway().submitClaims(batch)).toEqual(receipt);
      await second.advanceClock(2 * HOUR);
      expect(second.payer!.sent.map((f) => f.kind)).toEqual(['999', '277CA']);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
