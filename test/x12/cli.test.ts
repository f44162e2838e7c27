import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerX12Commands } from '#infra/cli/commands/x12.ts';
import { parseX12 } from '#functions/x12/parse.ts';
import { fixture, AFFECT, IMS, LFH, TASTY } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'x12-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = 0;
});

function file(name: string, content: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function run(...args: string[]): Promise<{ out: string; exitCode: number }> {
  let out = '';
  const program = new Command().exitOverride();
  registerX12Commands(program, {
    out: (t) => {
      out += t;
    },
  });
  process.exitCode = 0;
  await program.parseAsync(['node', 'rcm', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, exitCode };
}

describe('rcm x12', () => {
  // Conformant except for its envelope (ISA not 106 bytes, IEA02 ≠ ISA13): valid only to the tolerant profile.
  const nevada = file('nevada.835', fixture(`${AFFECT}nevada_medicaid.txt`));
  const valid = file('profee.835', fixture(`${TASTY}profee.edi`));
  const unbalanced = file('tertiary.835', fixture(`${LFH}835_005010X221A1/tertiary-payment.835`));
  const noIsa = file('no-isa.837', fixture(`${IMS}837_5010/x12_no_isa_line.txt`));

  it('validate --json prints one object per file and exits 0 only when all are valid', async () => {
    const ok = await run('x12', 'validate', '--json', valid);
    expect(ok.exitCode).toBe(0);
    const report = JSON.parse(ok.out.trim());
    expect(report).toMatchObject({ valid: true, profile: 'conformance', summary: { interchanges: 1, groups: 1, transactionSets: 1 } });
    expect(report.transactionSets.map((t: { balance: { balanced: boolean } }) => t.balance.balanced)).toEqual([true]);

    const mixed = await run('x12', 'validate', '--json', valid, unbalanced, noIsa);
    expect(mixed.exitCode).toBe(1);
    const lines = mixed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.valid)).toEqual([true, false, false]);
    expect(lines[1].transactionSets[0].balance.findings[0]).toMatchObject({
      level: 'service',
      claimId: '0001000054',
      differenceCents: 2125350,
    });
    expect(lines[2].error).toMatchObject({ code: 'NO_ISA', byteOffset: 0 });
  });

  it('validate names the profile that gave the verdict; the tolerant one accepts stale envelope numbers', async () => {
    const conformance = await run('x12', 'validate', nevada);
    expect(conformance.exitCode).toBe(1);
    expect(conformance.out).toContain('nevada.835: INVALID (conformance profile)');
    expect(conformance.out).toContain('error   IEA_CONTROL_NUMBER');
    const tolerant = await run('x12', 'validate', '--profile', 'tolerant', nevada);
    expect(tolerant.exitCode).toBe(0);
    expect(tolerant.out).toContain('nevada.835: valid (tolerant profile)');
    expect(tolerant.out).toContain('warning IEA_CONTROL_NUMBER');
    await expect(run('x12', 'validate', '--profile', 'lenient', nevada)).rejects.toThrow(/--profile expects/);
  });

  it('validate prints a human report with balancing totals and findings without element values', async () => {
    const { out, exitCode } = await run('x12', 'validate', '--profile', 'tolerant', nevada, unbalanced);
    expect(exitCode).toBe(1);
    expect(out).toContain('nevada.835: valid (tolerant profile)');
    expect(out).toContain('0 claim(s), charged 0.00, paid 0.00, PLB -1,812.27, BPR 1,812.27: balanced');
    expect(out).toContain('tertiary.835: INVALID (tolerant profile)');
    expect(out).toContain(
      'imbalance (service line 1) claim 0001000054: charge 24,599.00 - adjustments 1,579.00 != paid 1,766.50 (off by 21,253.50)',
    );
    expect(out).not.toContain('ISLAND'); // patient name in the file
  });

  it('validate --strict stops at the first stale envelope count with a typed error', async () => {
    // A conformant remittance whose SE01 is one off.
    const stale = file(
      'stale.835',
      fixture(`${TASTY}profee.edi`)
        .toString()
        .replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) + 1}*`),
    );
    expect((await run('x12', 'validate', '--profile', 'tolerant', stale)).exitCode).toBe(0);
    expect((await run('x12', 'validate', stale)).exitCode).toBe(1);
    const strict = await run('x12', 'validate', '--strict', '--json', stale);
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.out).error).toMatchObject({ code: 'ENVELOPE', segmentId: 'SE' });
  });

  it('validate groups alike findings with a count and their first positions', async () => {
    const claims = Array.from(
      { length: 3000 },
      (_, i) => `LX*${i + 1}~CLP*PCN${i}*1*100*100**12*ICN${i}~NM1*QC*1*DOE*JOHN****MI*M1~DTM*232*20261301~SVC*HC:99213*100*100~`,
    ).join('');
    const body = `BPR*I*300000*C*CHK************20260105~TRN*1*CHECK1*1999999999~N1*PR*PAYER~N3*1 MAIN ST~N4*CITY*NY*10001~N1*PE*PROVIDER*XX*1234567893~${claims}`;
    const segments = body.split('~').length - 1 + 2;
    const text =
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260105*0930*^*00501*000000001*0*T*:~' +
      `GS*HP*PAYER*PROVIDER*20260105*0930*1*X*005010X221A1~ST*835*0001~${body}SE*${segments}*0001~GE*1*1~IEA*1*000000001~`;
    const many = file('many.835', text);
    const { out, exitCode } = await run('x12', 'validate', '--json', many);
    expect(exitCode).toBe(1);
    const report = JSON.parse(out);
    expect(report.counts).toEqual({ errors: 3000, warnings: 0, notListed: 0 });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ code: 'INVALID_DATE', segmentId: 'DTM', elementPosition: 2, count: 3000 });
    expect(report.findings[0].occurrences).toHaveLength(5);
    expect(report.transactionSets[0]).toMatchObject({ errors: 3000, balance: { claimCount: 3000, balanced: true } });
    const human = await run('x12', 'validate', many);
    expect(human.out).toContain('[3000 times; also at segment');
  });

  it('parse --json prints the typed model', async () => {
    const { out, exitCode } = await run('x12', 'parse', '--json', '--profile', 'tolerant', nevada);
    expect(exitCode).toBe(0);
    const result = JSON.parse(out);
    expect(result.transactions[2].model.providerAdjustments[0].adjustments).toHaveLength(6);
  });

  it.each(['837p', '837i', '270', '276', '278', '278-response'])(
    'example %s writes a valid interchange, to stdout or --out',
    async (kind) => {
      const { out } = await run('x12', 'example', kind);
      const r = parseX12(out, { strict: true });
      expect(r.valid).toBe(true);
      expect(r.transactions[0]?.findings).toEqual([]);
      const target = join(dir, `${kind}.x12`);
      await run('x12', 'example', kind, '--out', target);
      expect(readFileSync(target, 'utf8')).toBe(out);
      expect((await run('x12', 'validate', target)).exitCode).toBe(0);
    },
  );
});

describe('rcm x12 --bare', () => {
  it('reads an envelope-less ST..SE fragment with the given delimiters', async () => {
    const bare = file('bare.835', fixture(`${AFFECT}exhaustive_sample.txt`));
    const without = JSON.parse((await run('x12', 'validate', '--json', bare)).out);
    expect(without.error).toMatchObject({ code: 'NO_ISA' });
    const withBare = JSON.parse((await run('x12', 'validate', '--json', '--bare', '*>^~', bare)).out);
    expect(withBare.error).toBeUndefined();
    expect(withBare.transactionSets[0]).toMatchObject({ setId: '835', guide: '005010X221A1' });
    expect(withBare.findings.some((f: { code: string }) => f.code === 'NO_ENVELOPE')).toBe(true);
    await expect(run('x12', 'validate', '--bare', '**', bare)).rejects.toThrow(/four distinct characters/);
  });
});
