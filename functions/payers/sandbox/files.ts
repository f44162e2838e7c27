/**
 * `rcm sandbox files`: runs a batch of generated claims through the sandbox payer on a simulated
 * clock and returns every file it would send back (999, 277CA, 277, 835), so that other systems and
 * their tests can use realistic payer files. Deterministic for a given seed and start date.
 *
 * The story the files tell (the claim mix cycles through the scenarios of the trigger table):
 * day 0 an 837P batch (and one malformed file) is submitted; an hour later the 999s and 277CAs;
 * on day 7 the first 835; then corrected claims (frequency 7) for CO-4 denials, a void (8), a
 * duplicate (CO-18), appeals
 * of CO-197 and CO-50 denials with the right evidence, and secondary claims for claims that left a
 * patient balance; their 999/277CA/835 follow; 276 inquiries for every claim get 277 answers; pended
 * claims are paid on the cycle after their pend (with prompt-pay interest).
 */
import { sequentialControlNumbers, TS276, TS837I, TS837P, writeInterchange } from '#functions/x12/index.ts';
import type { ClaimStatus276, InterchangeParties } from '#functions/x12/index.ts';
import { priorPayerFrom } from './adjudicate.ts';
import { SandboxPayer } from './sandbox-payer.ts';
import type { InboxFile } from './sandbox-payer.ts';
import { SANDBOX_COMMERCIAL, SANDBOX_SECONDARY } from './profiles.ts';
import { document837 } from './to837.ts';
import type { ClaimAdjudication, SandboxClaim, SandboxLine } from './types.ts';

export interface SandboxFile {
  kind: InboxFile['kind'] | '277';
  name: string;
  x12: string;
}

export interface GenerateOptions {
  claims: number;
  seed?: number;
  /** Submission date, `YYYY-MM-DD` (default 2026-01-15). */
  start?: string;
}

const BILLING_NPI = '1234567893';
const RENDERING_NPI = '1999999984';

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type LineSpec = Omit<SandboxLine, 'lineNumber' | 'serviceDate'>;
type Scenario = (n: string) => Omit<Partial<SandboxClaim>, 'lines'> & { memberId: string; lines: LineSpec[]; ageDays?: number };

const l = (procedureCode: string, chargeCents: number, modifiers: string[] = [], units = '1'): LineSpec => ({
  procedureCode,
  chargeCents,
  modifiers,
  units,
});

const rev = (revenueCode: string, chargeCents: number, procedureCode?: string, units = '1'): LineSpec => ({
  revenueCode,
  chargeCents,
  modifiers: [],
  units,
  ...(procedureCode ? { procedureCode } : {}),
});

/** One generator per row of the trigger table (institutional ones last). */
const SCENARIOS: readonly Scenario[] = [
  (n) => ({ memberId: `FULL${n}`, lines: [l('99213', 9000)] }),
  (n) => ({ memberId: `STD${n}`, lines: [l('99214', 20000), l('85025', 1500)] }),
  (n) => ({ memberId: `DED${n}`, lines: [l('29881', 120000)], authorizationNumber: `AUTH${n}`, diagnoses: ['M2351'] }),
  (n) => ({ memberId: `COPAY${n}`, lines: [l('99213', 9500), l('36415', 1000)] }),
  (n) => ({ memberId: `OOP${n}`, lines: [l('99215', 25000)] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('85025', 1100, ['25'])] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('72148', 42000)], diagnoses: ['M545'] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('97110', 3200, [], '2')], diagnoses: ['J069'] }),
  (n) => ({ memberId: `TERM${n}`, lines: [l('99213', 9000)] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('15780', 50000)] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('93000', 2000), l('93010', 900)], diagnoses: ['R079'] }),
  (n) => ({ memberId: `COB${n}`, lines: [l('99213', 9000)] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('99213', 9000)], renderingProviderNpi: '1234567890' }),
  (n) => ({ memberId: `PEND${n}`, lines: [l('29881', 95000)], authorizationNumber: `AUTH${n}` }),
  (n) => ({ memberId: `NF${n}`, lines: [l('99213', 9000)] }),
  (n) => ({ memberId: `FULL${n}`, lines: [l('99212', 5500)], ageDays: 200 }),
  (n) => ({
    memberId: `STD${n}`,
    claimType: '837I',
    facilityCode: '13',
    lines: [rev('0450', 95000, '99284'), rev('0300', 12000, undefined, '3'), rev('0320', 18000)],
    diagnoses: ['R079'],
  }),
  (n) => ({
    memberId: `FULL${n}`,
    claimType: '837I',
    facilityCode: '13',
    lines: [rev('0360', 480000), rev('0250', 6000, undefined, '4')],
    diagnoses: ['M2351'],
  }),
];

function generateClaims(count: number, seed: number, start: string): SandboxClaim[] {
  const rnd = prng(seed);
  const out: SandboxClaim[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(5, '0');
    const s = (SCENARIOS[i % SCENARIOS.length] as Scenario)(n);
    const daysBack = s.ageDays ?? 3 + Math.floor(rnd() * 20);
    const date = new Date(Date.parse(`${start}T00:00:00Z`) - daysBack * 86_400_000).toISOString().slice(0, 10);
    // Charges vary a little around the scenario's, so amounts differ from claim to claim.
    const lines = s.lines.map((x, k) => ({
      ...x,
      lineNumber: k + 1,
      serviceDate: date,
      chargeCents: x.chargeCents + 100 * Math.floor(rnd() * 20),
    }));
    const { lines: _lines, ageDays: _age, ...rest } = s;
    out.push({
      patientControlNumber: `SBX${n}`,
      claimType: '837P',
      payerId: SANDBOX_COMMERCIAL.payerId,
      frequencyCode: '1',
      billingProviderNpi: BILLING_NPI,
      billingProviderName: 'EXAMPLE GENERAL HOSPITAL',
      renderingProviderNpi: RENDERING_NPI,
      diagnoses: ['J069'],
      notes: [],
      facilityCode: '11',
      patient: { lastName: 'SANDBOX', firstName: `PATIENT${n}` },
      ...rest,
      lines,
      totalChargeCents: lines.reduce((t, x) => t + x.chargeCents, 0),
    });
  }
  return out;
}

const SUBMITTER: InterchangeParties = {
  senderQualifier: 'ZZ',
  senderId: 'RCMSUBMITTER',
  receiverQualifier: 'ZZ',
  receiverId: 'SANDBOXPAYER',
  date: '20260101',
  time: '0900',
  usageIndicator: 'T',
};

/** One interchange with an 837P and/or an 837I transaction set, as the claims require. */
function x837(claims: readonly SandboxClaim[], batchId: string, date: string): string {
  const sets = [TS837P, TS837I]
    .map((def) => ({ def, claims: claims.filter((c) => (c.claimType === '837I') === (def === TS837I)) }))
    .filter((x) => x.claims.length);
  return writeInterchange(
    { ...SUBMITTER, date: date.replaceAll('-', '') },
    sets.map((x) => ({ def: x.def, model: document837(x.claims, batchId, date) as unknown as Record<string, unknown> })),
    sequentialControlNumbers(Number(batchId.replace(/\D/g, '')) || 1),
  );
}

function x276(claims: readonly SandboxClaim[], date: string, payerId: string): string {
  const model: ClaimStatus276 = {
    beginning: { purposeCode: '13', referenceId: `STATUS${date.replaceAll('-', '')}`, date: date.replaceAll('-', ''), time: '0900' },
    sources: [
      {
        name: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: payerId },
        receivers: [
          {
            name: { entityCode: '41', entityType: '2', lastName: 'EXAMPLE HOSPITAL BILLING', idQualifier: '46', id: 'SUB12345' },
            providers: [
              {
                name: [{ entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: BILLING_NPI }],
                subscribers: claims.map((c) => ({
                  levelCode: '22',
                  name: {
                    entityCode: 'IL',
                    entityType: '1',
                    lastName: c.patient?.lastName ?? 'DOE',
                    ...(c.patient?.firstName ? { firstName: c.patient.firstName } : {}),
                    idQualifier: 'MI',
                    id: c.memberId,
                  },
                  claims: [
                    {
                      traceType: '1',
                      traceNumber: c.patientControlNumber,
                      references: [{ qualifier: 'EJ', value: c.patientControlNumber }],
                      amounts: [{ qualifier: 'T3', amountCents: c.totalChargeCents }],
                      dates: [{ qualifier: '472', format: 'D8', value: (c.lines[0]?.serviceDate ?? date).replaceAll('-', '') }],
                    },
                  ],
                })),
              },
            ],
          },
        ],
      },
    ],
  };
  return writeInterchange(
    { ...SUBMITTER, date: date.replaceAll('-', '') },
    [{ def: TS276, model: model as unknown as Record<string, unknown> }],
    sequentialControlNumbers(900),
  );
}

/** Runs the story above and returns every file the sandbox sent, in the order sent. */
export async function generateSandboxFiles(opts: GenerateOptions): Promise<SandboxFile[]> {
  if (!Number.isSafeInteger(opts.claims) || opts.claims < 1 || opts.claims > 100_000)
    throw new RangeError('claims: an integer from 1 to 100000');
  const start = opts.start ?? '2026-01-15';
  let now = Date.parse(`${start}T09:00:00Z`);
  const files: SandboxFile[] = [];
  const payer = new SandboxPayer({
    clock: () => new Date(now),
    inbox: async (f) => {
      files.push({ kind: f.kind, name: f.name, x12: f.x12 });
    },
  });
  const advance = async (ms: number): Promise<void> => {
    now += ms;
    await payer.runDue();
  };
  const today = (): string => new Date(now).toISOString().slice(0, 10);
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  const claims = generateClaims(opts.claims, opts.seed ?? 1, start);
  await payer.submitClaims({
    batchId: 'b00001',
    payerId: SANDBOX_COMMERCIAL.payerId,
    files: [{ name: 'claims-00001.837', x12: x837(claims, 'B00001', start) }],
  });
  // One malformed file (a CLM02 that is not a number): its 999 rejects it.
  const broken = x837(
    claims.slice(0, 1).map((c) => ({ ...c, patientControlNumber: `${c.patientControlNumber}X` })),
    'B00002',
    start,
  ).replace(/(CLM\*[^*]+\*)\d+(\.\d+)?\*/, '$1ABC*');
  await payer.submitClaims({ batchId: 'b00002', payerId: SANDBOX_COMMERCIAL.payerId, files: [{ name: 'claims-00002.837', x12: broken }] });
  await advance(HOUR);
  await advance(7 * DAY);

  // Follow-up: corrections, a void, appeals, secondary claims.
  const state = payer.snapshot;
  const live = Object.values(state.claims).filter((r) => !r.reversedBy);
  const followUps: SandboxClaim[] = [];
  let voided = false;
  let duplicated = false;
  for (const r of live) {
    const a: ClaimAdjudication = r.adjudication;
    if (a.lines.some((x) => x.adjustments.some((y) => y.group === 'CO' && y.reason === '4'))) {
      followUps.push({
        ...r.claim,
        frequencyCode: '7',
        originalPayerClaimNumber: a.payerClaimControlNumber,
        lines: r.claim.lines.map((x) => ({ ...x, modifiers: [] })),
      });
    } else if (a.lines.some((x) => x.adjustments.some((y) => y.group === 'CO' && (y.reason === '197' || y.reason === '50')))) {
      payer.appeal(a.payerId, a.payerClaimControlNumber, [
        { kind: 'authorization-number', reference: `RETRO${a.payerClaimControlNumber.slice(-6)}` },
        { kind: 'medical-records' },
      ]);
    } else if (a.statusCode === '1' && a.patientResponsibilityCents > 0 && r.claim.memberId.startsWith('STD')) {
      followUps.push({
        ...r.claim,
        payerId: SANDBOX_SECONDARY.payerId,
        memberId: `SEC${r.claim.memberId.slice(3)}`,
        patientControlNumber: `${r.claim.patientControlNumber}S`,
        priorPayer: priorPayerFrom(a),
      });
    } else if (!duplicated && a.statusCode === '1' && r.claim.memberId.startsWith('COPAY')) {
      duplicated = true;
      followUps.push({ ...r.claim, patientControlNumber: `${r.claim.patientControlNumber}D` });
    } else if (!voided && a.statusCode === '1' && r.claim.memberId.startsWith('FULL') && a.denialReason === undefined) {
      voided = true;
      followUps.push({ ...r.claim, frequencyCode: '8', originalPayerClaimNumber: a.payerClaimControlNumber });
    }
  }
  const primary = followUps.filter((c) => c.payerId === SANDBOX_COMMERCIAL.payerId);
  const secondary = followUps.filter((c) => c.payerId === SANDBOX_SECONDARY.payerId);
  if (primary.length)
    await payer.submitClaims({
      batchId: 'b00003',
      payerId: SANDBOX_COMMERCIAL.payerId,
      files: [{ name: 'claims-00003.837', x12: x837(primary, 'B00003', today()) }],
    });
  if (secondary.length)
    await payer.submitClaims({
      batchId: 'b00004',
      payerId: SANDBOX_SECONDARY.payerId,
      files: [{ name: 'claims-00004.837', x12: x837(secondary, 'B00004', today()) }],
    });
  await advance(HOUR);
  // Status inquiries while claims are pended or awaiting the next cycle.
  files.push({
    kind: '277',
    name: `277-${SANDBOX_COMMERCIAL.payerId}-${today().replaceAll('-', '')}.x12`,
    x12: await payer.claimStatus(x276(claims, today(), SANDBOX_COMMERCIAL.payerId), { payerId: SANDBOX_COMMERCIAL.payerId }),
  });
  await advance(7 * DAY);
  // Pends end 45 days after receipt; run weekly cycles until they are paid.
  for (let week = 0; week < 6; week++) await advance(7 * DAY);
  files.push({
    kind: '277',
    name: `277-${SANDBOX_COMMERCIAL.payerId}-${today().replaceAll('-', '')}.x12`,
    x12: await payer.claimStatus(x276(claims, today(), SANDBOX_COMMERCIAL.payerId), { payerId: SANDBOX_COMMERCIAL.payerId }),
  });
  return files;
}

/**
 * `rcm sandbox files --claims N --out DIR`: generates the files and writes each into `dir` (created if
 * needed) under its own name; the 277s get their kind in the name. Returns the paths written.
 */
export async function writeSandboxFiles(dir: string, opts: GenerateOptions): Promise<string[]> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const f of await generateSandboxFiles(opts)) {
    const path = join(dir, f.name);
    await writeFile(path, f.x12, 'utf8');
    paths.push(path);
  }
  return paths;
}
