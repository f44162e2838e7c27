import { Readable } from 'node:stream';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12 } from '#functions/x12/parse.ts';
import type { ParseOptions, ParsedTransaction, StreamSummary } from '#functions/x12/parse.ts';
import { readRemittanceClaims, streamRemittanceClaims } from '#functions/x12/remittance-stream.ts';
import type { RemittanceEvent } from '#functions/x12/remittance-stream.ts';
import { X12Error } from '#functions/x12/errors.ts';
import type { Finding } from '#functions/x12/errors.ts';
import type { BalanceResult } from '#functions/x12/balance835.ts';
import { formatCents, parseCents } from '#functions/x12/decimal.ts';
import type { ModelObject } from '#functions/x12/reader.ts';
import { AFFECT, fixture, LFH, TASTY } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../fixtures/x12/', import.meta.url));
const BARE = { element: '*', component: '>', repetition: '^', segment: '~' };

function allFixtures(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return allFixtures(p);
    return name === 'LICENSE.upstream' || name.endsWith('.md') ? [] : [relative(ROOT, p)];
  });
}

interface Outcome {
  events: RemittanceEvent[];
  summary: StreamSummary;
}

function readAll(input: Buffer, options: ParseOptions = {}): Outcome {
  const events: RemittanceEvent[] = [];
  const it = readRemittanceClaims(input, options);
  for (;;) {
    const r = it.next();
    if (r.done) return { events, summary: r.value };
    events.push(r.value);
  }
}

async function streamAll(source: AsyncIterable<Uint8Array>, options: ParseOptions = {}): Promise<Outcome> {
  const events: RemittanceEvent[] = [];
  const it = streamRemittanceClaims(source, options);
  for (;;) {
    const r = await it.next();
    if (r.done) return { events, summary: r.value };
    events.push(r.value);
  }
}

/**
 * Puts per-claim events back together into what the whole-model reader returns: the model (header,
 * claims grouped under their LX, PLB), the findings in order and the balance.
 */
function reassemble(events: readonly RemittanceEvent[]): Omit<ParsedTransaction, 'segments'>[] {
  const out: Omit<ParsedTransaction, 'segments'>[] = [];
  let current:
    | {
        tx: Omit<ParsedTransaction, 'segments'>;
        model: ModelObject;
        balanceFindings: BalanceResult['findings'];
        claims: number;
        lastHeader?: object;
        headers?: ModelObject[];
      }
    | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'transaction':
        out.push(e.transaction);
        break;
      case 'header': {
        const t = e.transaction;
        const tx: Omit<ParsedTransaction, 'segments'> = {
          setId: t.setId,
          controlNumber: t.controlNumber,
          segmentCount: 0,
          byteOffset: t.byteOffset,
          findings: [...e.findings],
          guide: t.guide,
        };
        if (t.implementationReference) tx.implementationReference = t.implementationReference;
        if (t.interchange) tx.interchange = t.interchange;
        if (t.group) tx.group = t.group;
        current = { tx, model: { ...e.header }, balanceFindings: [], claims: 0 };
        break;
      }
      case 'claim': {
        if (!current) throw new Error('claim before header');
        expect(e.transaction.controlNumber).toBe(current.tx.controlNumber);
        expect(e.claimIndex).toBe(current.claims++);
        if (e.headerNumber !== current.lastHeader || !current.headers) {
          current.lastHeader = e.headerNumber;
          current.headers ??= [];
          current.headers.push({ ...(e.headerNumber ?? {}), claims: [] });
        }
        ((current.headers.at(-1) as ModelObject).claims as unknown[]).push(e.claim);
        current.tx.findings.push(...e.findings);
        current.balanceFindings.push(...e.balance);
        break;
      }
      case 'trailer': {
        if (!current) throw new Error('trailer before header');
        if (current.headers) current.model.headers = current.headers;
        if (e.providerAdjustments) current.model.providerAdjustments = e.providerAdjustments;
        current.tx.findings.push(...e.findings);
        current.tx.segmentCount = e.segmentCount;
        current.tx.model = current.model;
        current.tx.balance = { ...e.balance, findings: [...current.balanceFindings, ...e.balance.findings] };
        expect(e.errorCount).toBe(current.tx.findings.filter((f) => f.severity === 'error').length);
        out.push(current.tx);
        current = undefined;
        break;
      }
    }
  }
  expect(current).toBeUndefined();
  return out;
}

/** The whole-model result with LX loops that hold no claim left out (the per-claim reader only reports their MISSING_LOOP finding). */
function comparable(transactions: readonly ParsedTransaction[]): Omit<ParsedTransaction, 'segments'>[] {
  return transactions.map((t) => {
    if (t.setId !== '835' || !t.model) return t;
    const model = { ...t.model };
    const headers = (model.headers as ModelObject[] | undefined)?.filter((h) => Array.isArray(h.claims) && h.claims.length > 0);
    if (headers?.length) model.headers = headers;
    else delete model.headers;
    return { ...t, model };
  });
}

/** Runs both readers; they must agree, or both fail with the same typed error. */
function agree(bytes: Buffer, options: ParseOptions = {}): 'read' | 'rejected' {
  let whole: ReturnType<typeof parseX12> | undefined;
  let wholeError: unknown;
  try {
    whole = parseX12(bytes, options);
  } catch (e) {
    wholeError = e;
  }
  let claims: Outcome | undefined;
  let claimsError: unknown;
  try {
    claims = readAll(bytes, options);
  } catch (e) {
    claimsError = e;
  }
  if (wholeError || claimsError) {
    expect(claimsError).toBeInstanceOf(X12Error);
    expect(wholeError).toBeInstanceOf(X12Error);
    expect((claimsError as X12Error).message).toBe((wholeError as X12Error).message);
    return 'rejected';
  }
  const w = whole as ReturnType<typeof parseX12>;
  const c = claims as Outcome;
  expect(reassemble(c.events)).toEqual(comparable(w.transactions));
  expect(c.summary).toEqual({ findings: w.findings, summary: w.summary, acknowledgments: w.acknowledgments });
  return 'read';
}

function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return Readable.from(chunks);
}

describe('per-claim 835 reader', () => {
  it('yields a header, each claim with its LX, balance and findings, then PLB and the transaction balance', () => {
    const { events } = readAll(fixture('LinuxForHealth-x12/demo-file/demo.835'));
    expect(events.map((e) => e.type)).toEqual(['header', 'claim', 'claim', 'trailer']);
    const [header, first, second, trailer] = events;
    if (header?.type !== 'header' || first?.type !== 'claim' || second?.type !== 'claim' || trailer?.type !== 'trailer')
      throw new Error('shape');
    expect(header.header.payment.totalPaymentCents).toBe(15000000);
    expect(header.header).not.toHaveProperty('headers');
    expect(first.claim).toMatchObject({ patientControlNumber: '666123', paymentCents: 13801840 });
    expect(first.headerNumber).toMatchObject({ assignedNumber: 110212, providerSummary: { facilityTypeCode: '11' } });
    expect(first.headerNumber).not.toHaveProperty('claims');
    expect(second.headerNumber).toMatchObject({ assignedNumber: 130212 });
    expect([first.claimIndex, second.claimIndex]).toEqual([0, 1]);
    expect(trailer.providerAdjustments?.[0]?.adjustments[0]?.amountCents).toBe(-127);
    expect(trailer.balance).toMatchObject({
      balanced: true,
      claimCount: 2,
      totalClaimPaymentCents: 14999873,
      totalPaymentCents: 15000000,
      findings: [],
    });
  });

  it('reports imbalances per claim and at the transaction, as balance835 does', () => {
    const text = fixture(`${AFFECT}emedny_sample.txt`)
      .toString('latin1')
      .replace(
        /CLP\*([^*]+)\*1\*([^*]+)\*([^*]+)\*/,
        (_m, id: string, charge: string, paid: string) => `CLP*${id}*1*${charge}*${formatCents(parseCents(paid) + 100)}*`,
      );
    const bytes = Buffer.from(text, 'latin1');
    agree(bytes);
    const claims = readAll(bytes).events.filter((e) => e.type === 'claim');
    expect(claims[0]?.type === 'claim' && claims[0].balance).toEqual([
      expect.objectContaining({ level: 'claim', claimIndex: 0, differenceCents: -100 }),
    ]);
    const trailer = readAll(bytes).events.at(-1);
    expect(trailer?.type === 'trailer' && trailer.balance).toMatchObject({
      balanced: false,
      findings: [{ level: 'transaction', differenceCents: 100 }],
    });
  });

  it('reads other transaction sets of the same input whole', () => {
    const bytes = Buffer.concat([
      fixture(`${LFH}271_005010X279A1/dependent-health-benefit-check.271`),
      fixture('LinuxForHealth-x12/demo-file/demo.835'),
    ]);
    const { events } = readAll(bytes);
    expect(events.map((e) => e.type)).toEqual(['transaction', 'header', 'claim', 'claim', 'trailer']);
    agree(bytes);
  });

  it('reads the exhaustive sample (every 835 segment, bare ST..SE) like the whole-model reader', () => {
    expect(agree(fixture(`${AFFECT}exhaustive_sample.txt`), { bareDelimiters: BARE })).toBe('read');
  });

  it('hands over claims of one very large ST..SE before the input ends', async () => {
    const claim = 'CLP*PCN*1*100*80**12*PAYERCLAIM~NM1*QC*1*DOE*JANE~SVC*HC:99213*100*80~CAS*CO*45*20~';
    const count = 5000;
    const head =
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260105*0930*^*00501*000000001*0*T*:~GS*HP*PAYER*PROVIDER*20260105*0930*1*X*005010X221A1~ST*835*0001~' +
      `BPR*I*${formatCents(count * 8000)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260105~TRN*1*12345*1512345678~N1*PR*PAYER~N3*1 MAIN ST~N4*CITY*NY*10001~N1*PE*PROVIDER*XX*1234567893~LX*1~`;
    const segments = 8 + count * 4 + 1;
    const tail = `SE*${segments}*0001~GE*1*1~IEA*1*000000001~`;
    let pulled = 0;
    let claimsWhenHalfPulled = -1;
    let claims = 0;
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(head);
      for (let i = 0; i < count; i++) {
        pulled++;
        if (pulled === count / 2) claimsWhenHalfPulled = claims;
        yield Buffer.from(claim);
      }
      yield Buffer.from(tail);
    }
    let trailer: RemittanceEvent | undefined;
    for await (const e of streamRemittanceClaims(source())) {
      if (e.type === 'claim') claims++;
      if (e.type === 'trailer') trailer = e;
    }
    expect(claims).toBe(count);
    expect(claimsWhenHalfPulled).toBeGreaterThan(count / 2 - 10);
    expect(trailer).toMatchObject({ segmentCount: segments, errorCount: 0, balance: { balanced: true, claimCount: count } });
  });
});

describe('per-claim reader versus whole-model reader', () => {
  const files = allFixtures();

  it.each(files)('%s: same claims, findings and balance (or the same typed error)', (file) => {
    agree(fixture(file));
  });

  const bytes = Buffer.concat([
    fixture(`${AFFECT}nevada_medicaid.txt`),
    Buffer.from('\n'),
    fixture(`${TASTY}profee.edi`),
    fixture('LinuxForHealth-x12/demo-file/demo.835'),
    fixture(`${AFFECT}united_healthcare_legacy_sample.txt`),
  ]);

  it('gives the same events however the stream is chunked (property)', async () => {
    const expected = readAll(bytes);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 25 }), async (cuts) => {
        expect(await streamAll(chunked(bytes, cuts))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees on damaged remittances: random byte edits and truncation (property)', () => {
    const sources = [
      fixture(`${AFFECT}emedny_sample.txt`),
      fixture('LinuxForHealth-x12/demo-file/demo.835'),
      fixture(`${AFFECT}nevada_medicaid.txt`),
    ];
    const edit = fc.record({
      source: fc.nat({ max: sources.length - 1 }),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          byte: fc.constantFrom(42, 58, 126, 10, 65, 48, 0x43, 0x4c),
          kind: fc.constantFrom('set', 'delete', 'insert'),
        }),
        { maxLength: 6 },
      ),
      truncate: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(edit, ({ source, edits, truncate }) => {
        let b = [...(sources[source] as Buffer)];
        for (const e of edits) {
          const at = e.at % (b.length + 1);
          if (e.kind === 'set' && at < b.length) b[at] = e.byte;
          else if (e.kind === 'delete') b.splice(at, 1);
          else b.splice(at, 0, e.byte);
        }
        if (truncate !== undefined) b = b.slice(0, truncate % (b.length + 1));
        agree(Buffer.from(b));
      }),
      { numRuns: 400 },
    );
  });
});

describe('findings stay PHI-free in the per-claim reader', () => {
  it('names positions, never values', () => {
    const text = fixture('LinuxForHealth-x12/demo-file/demo.835')
      .toString('latin1')
      .replace('CLP*666123*1*211366.97', 'CLP*666123*1*2113.669');
    const findings: Finding[] = readAll(Buffer.from(text, 'latin1')).events.flatMap((e) => ('findings' in e ? e.findings : []));
    expect(findings.map((f) => f.code)).toContain('INVALID_AMOUNT');
    for (const f of findings) expect(f.message).not.toMatch(/666123|2113\.669/);
  });
});
