/**
 * Element usage of the 835 (005010X221A1) aligned with pyx12's map 835.5010.X221.A1.xml, element by
 * element. Each rule has a passing case (a public file, unchanged) and a failing one (the same file
 * with exactly the defect), with its segment and element.
 */
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/parse.ts';
import type { Remittance835 } from '#functions/x12/types835.ts';
import { AFFECT, edit, publicFile } from './helpers.ts';

/** Errors as code:segment+element(-component). */
function errors(text: string): string[] {
  const r = parseX12(text);
  return [...r.findings, ...r.transactions.flatMap((t) => t.findings)]
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code}:${f.segmentId}${f.elementPosition ?? ''}${f.componentPosition ? `-${f.componentPosition}` : ''}`);
}

/** The file with segments inserted after `after` (a whole segment) and SE01 raised by their number. */
function insert(text: string, after: string, added: readonly string[]): string {
  const withAdded = edit(text, `${after}~`, `${after}~${added.map((x) => `${x}~`).join('')}`);
  return withAdded.replace(/~SE\*(\d+)\*/, (_m, n: string) => `~SE*${Number(n) + added.length}*`);
}

// New York Medicaid's 835 (eMedNY): a real payer's file that reads with no finding.
const EMEDNY = publicFile(`${AFFECT}emedny_sample.txt`);

describe('835 TS3 provider summary: the X221A1 layout', () => {
  // TS313 MSP, TS315 non-lab, TS317/TS318 HCPCS, TS320-TS324 (professional component .. PIP adjustment).
  const TS3 = 'TS3*1234567893*11*20101231*2*68.25********1.13**2.15**3.17*4.18**5.2*6.21*7.22*8*9.24';

  it('reads every situational element at its own position, TS320-TS324 included', () => {
    expect(errors(EMEDNY)).toEqual([]);
    const text = insert(EMEDNY, 'LX*1', [TS3]);
    expect(errors(text)).toEqual([]);
    const model = parseX12(text).transactions[0]?.model as unknown as Remittance835;
    expect(model.headers?.[0]?.providerSummary).toEqual({
      providerId: '1234567893',
      facilityTypeCode: '11',
      fiscalPeriodDate: '20101231',
      claimCount: '2',
      totalChargeCents: 6825,
      totalMsp: 113,
      totalNonLabChargeCents: 215,
      totalHcpcsReportedChargeCents: 317,
      totalHcpcsPayableCents: 418,
      totalProfessionalComponentCents: 520,
      totalMspPatientLiabilityMetCents: 621,
      totalPatientReimbursementCents: 722,
      totalPipClaimCount: '8',
      totalPipAdjustmentCents: 924,
    });
  });

  it('TS306-TS312, TS314, TS316 and TS319 are Not Used; there is no TS325', () => {
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('68.25********', '68.25****9****')]))).toEqual(['UNUSED_ELEMENT:TS39']);
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('*2.15**', '*2.15*1*')]))).toEqual(['UNUSED_ELEMENT:TS316']);
    expect(errors(insert(EMEDNY, 'LX*1', [TS3.replace('*4.18**', '*4.18*1*')]))).toEqual(['UNUSED_ELEMENT:TS319']);
    expect(errors(insert(EMEDNY, 'LX*1', [`${TS3}*1`]))).toEqual(['TOO_MANY_ELEMENTS:TS325']);
  });
});
