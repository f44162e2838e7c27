/**
 * Held-out public files with an independent validator's verdict (issue 12): every 005010 fixture
 * stupidedi (github.com/kputnam/stupidedi, BSD) keeps for the 276/277 (X212), the 277CA (X214), the
 * 278 (X217) and the 270/271 (X279), copied verbatim under test/fixtures/x12/stupidedi/. stupidedi
 * sorts them by verdict: `pass/` (it reads them without error), `fail/` (it rejects them), loose
 * `-good`/`-bad` files; `case/` and the loose `Sample_278_*` files carry no verdict (the `_Clean` ones
 * are a vendor validator's corrected copies, the others list that validator's errors).
 *
 * Each row is our verdict (valid, and the sorted set of error codes at their segment and element);
 * where we disagree with stupidedi a comment says why. stupidedi's reader skips whatever precedes ISA
 * and every line break (several files are annotated TR3 pages or wrap the interchange at 60
 * columns), and so does the loader here.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errors, fixture } from '#test/x12/helpers.ts';

const ROOT = 'stupidedi/005010/';
const GUIDES = /^X(212|214|217|279)(A1)?[ -]/;

/** The interchange of a stupidedi fixture as stupidedi reads it: from ISA on, line breaks dropped. */
function stupidediInterchange(path: string): string {
  const text = fixture(`${ROOT}${path}`).toString('latin1');
  return text.slice(text.indexOf('ISA*')).replace(/\r?\n/g, '');
}

/** stupidedi's verdict by folder or name (see the header). */
type Verdict = 'pass' | 'fail' | 'good' | 'bad' | 'case' | 'clean' | 'listed-errors';

const CASES: readonly (readonly [path: string, stupidedi: Verdict, valid: boolean, errors: readonly string[]])[] = [
  ['X212 HN277 Health Care Claim Status Request and Response/pass/claim-ncpdp-response.edi', 'pass', true, []],
  ['X212 HN277 Health Care Claim Status Request and Response/pass/claim-response.edi', 'pass', true, []],
  ['X212 HN277 Health Care Claim Status Request and Response/pass/info-receiver-response.edi', 'pass', true, []],
  ['X212 HN277 Health Care Claim Status Request and Response/pass/provider-response.edi', 'pass', true, []],
  ['X212 HR276 Health Care Claim Status Request and Response/pass/claim-ncpdp-request.edi', 'pass', true, []],
  ['X212 HR276 Health Care Claim Status Request and Response/pass/info-receiver-request.edi', 'pass', true, []],
  ['X212 HR276 Health Care Claim Status Request and Response/pass/provider-request.edi', 'pass', true, []],
  // GS01 HR for a 277 (the guide's is HN): stupidedi does not check GS01 against the set
  [
    'X212 HR277 Health Care Claim Status Request and Response/pass/claim-ncpdp-response.edi',
    'pass',
    false,
    ['FUNCTIONAL_GROUP_MISMATCH:ST'],
  ],
  // GS01 HR for a 277 (the guide's is HN): stupidedi does not check GS01 against the set
  [
    'X212 HR277 Health Care Claim Status Request and Response/pass/info-receiver-response.edi',
    'pass',
    false,
    ['FUNCTIONAL_GROUP_MISMATCH:ST'],
  ],
  // stupidedi does not check control numbers; IEA02 267365555 is not ISA13 269895334
  ['X212 HR277 Heatlh Care Information Status Notification/pass/1.era', 'pass', false, ['IEA_CONTROL_NUMBER:IEA2']],
  ['X212-HN277/3-good.txt', 'good', true, []],
  ['X212-HN277/4-good.txt', 'good', true, []],
  // GS01 XX names no functional group (a 277's is HN): stupidedi finds no guide for it either
  ['X212-HN277/fail/2.edi', 'fail', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  ['X212-HN277/pass/1.edi', 'pass', true, []],
  ['X212-HN277/pass/2.edi', 'pass', true, []],
  ['X212-HN277/pass/3.edi', 'pass', true, []],
  ['X212-HN277/pass/4.edi', 'pass', true, []],
  ['X212-HR276/1-good.txt', 'good', true, []],
  ['X212-HR276/case/1.edi', 'case', true, []],
  // GS01 XX names no functional group (a 276's is HR): stupidedi finds no guide for it either
  ['X212-HR276/fail/1.x12', 'fail', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 XX names no functional group (a 276's is HR): stupidedi finds no guide for it either
  ['X212-HR276/fail/3.x12', 'fail', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 XX names no functional group (a 276's is HR): stupidedi finds no guide for it either
  ['X212-HR276/fail/4.x12', 'fail', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  ['X212-HR276/pass/2.edi', 'pass', true, []],
  ['X212-HR276/pass/3.edi', 'pass', true, []],
  ['X212-HR276/pass/4.edi', 'pass', true, []],
  ['X212-HR276/pass/claim-request.edi', 'pass', true, []],
  // GS01 HR for a 277 (the guide's is HN): stupidedi does not check GS01 against the set
  ['X212-HR277/pass/claim-response.edi', 'pass', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 HR for a 277 (the guide's is HN): stupidedi does not check GS01 against the set
  ['X212-HR277/pass/provider-response.edi', 'pass', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  ['X214-HN277/3-bad.txt', 'bad', false, ['INVALID_CODE:DTP1', 'INVALID_CODE:NM18', 'UNUSED_ELEMENT:NM17']],
  ['X214-HN277/4-good.txt', 'good', true, []],
  ['X214-HN277/fail/2.edi', 'fail', false, ['SE_CONTROL_NUMBER:SE2']],
  ['X214-HN277/fail/3.edi', 'fail', false, ['INVALID_CODE:DTP1', 'INVALID_CODE:NM18', 'UNUSED_ELEMENT:NM17']],
  [
    'X214-HN277/fail/4.edi',
    'fail',
    false,
    ['INVALID_CODE:DTP1', 'INVALID_CODE:NM18', 'INVALID_CODE:TRN1', 'UNUSED_ELEMENT:NM17', 'UNUSED_ELEMENT:STC1-4'],
  ],
  // 2220D STC*A3:21**U has no STC02 (pyx12 and stupidedi's X214 require it); stupidedi does not check SE01: SE*39 counts 41
  ['X214-HN277/pass/1.edi', 'pass', false, ['MISSING_ELEMENT:STC2', 'SE_COUNT:SE1']],
  ['X214-HN277/pass/2.edi', 'pass', true, []],
  ['X214-HN277/pass/3.edi', 'pass', true, []],
  ['X214-HN277/pass/4.edi', 'pass', true, []],
  // 2220D STC*A3:122**U has no STC02, which pyx12 and stupidedi's X214 require
  ['X214-HN277/pass/business-scenario-1.edi', 'pass', false, ['MISSING_ELEMENT:STC2']],
  // 2200B STC*A3:24:41**U lacks STC02 and STC04 (pyx12 R); stupidedi does not check SE02: SE*14*00002 closes ST 0002
  ['X214-HN277/pass/business-scenario-2.edi', 'pass', false, ['MISSING_ELEMENT:STC2', 'MISSING_ELEMENT:STC4', 'SE_CONTROL_NUMBER:SE2']],
  // 2100B NM107 MD is Not Used (pyx12); DTP*472*RD8*20060214 is one date; DTP*472*20090221 has no format
  [
    'X214-HN277/pass/business-scenario-3.edi',
    'pass',
    false,
    ['INVALID_CODE:DTP2', 'INVALID_DATE:DTP3', 'MISSING_ELEMENT:DTP3', 'UNUSED_ELEMENT:NM17'],
  ],
  // 2100B NM107 MD is Not Used (pyx12); 2200C TRN01 is 1 only, not 2 (pyx12)
  ['X214-HN277/pass/business-scenario-4.edi', 'pass', false, ['INVALID_CODE:TRN1', 'UNUSED_ELEMENT:NM17']],
  // stupidedi does not check SE01: SE*25 closes 28 segments
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/admission-request-for-review.edi',
    'pass',
    false,
    ['SE_COUNT:SE1'],
  ],
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/admission-response-to-request-for-review.edi',
    'pass',
    true,
    [],
  ],
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/emergency-admission-request-for-review.edi',
    'pass',
    true,
    [],
  ],
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/emergency-admission-response-to-request-for-review.edi',
    'pass',
    true,
    [],
  ],
  ['X217 HI278 Health Care Services Review - Request for Review and Response/pass/referral-request-for-review.edi', 'pass', true, []],
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/referral-response-to-request-for-review.edi',
    'pass',
    true,
    [],
  ],
  // stupidedi does not check SE01: SE*19 closes 22 segments
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/request-for-home-health-care.edi',
    'pass',
    false,
    ['SE_COUNT:SE1'],
  ],
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/request-for-medical-services-reservation.edi',
    'pass',
    true,
    [],
  ],
  // HL*6*5 and HL*7*6 nest a service under a service; X217 puts every 2000F under 2000E (stupidedi's corrected 5.edi uses HL*6*4)
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/request-for-non-emergency-transportation.edi',
    'pass',
    false,
    ['HL_PARENT:HL2'],
  ],
  // the 2000F service has neither HCR nor AAA (the vendor validator quoted in fail/6r.edi: H23054 either AAA or HCR must be returned)
  [
    'X217 HI278 Health Care Services Review - Request for Review and Response/pass/response-to-medical-services-reservation.edi',
    'pass',
    false,
    ['X217_RESPONSE_WITHOUT_DECISION:ST'],
  ],
  ['X217-HI278/Sample_278_Request_5010X217-2_Clean.txt', 'clean', true, []],
  ['X217-HI278/Sample_278_Request_5010X217-3_Clean.txt', 'clean', true, []],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  ['X217-HI278/Sample_278_Request_5010X217-4a.txt', 'listed-errors', false, ['FUNCTIONAL_GROUP_MISMATCH:ST', 'INVALID_LENGTH:TRN3']],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  ['X217-HI278/Sample_278_Request_5010X217-4b.txt', 'listed-errors', false, ['FUNCTIONAL_GROUP_MISMATCH:ST', 'INVALID_LENGTH:TRN3']],
  ['X217-HI278/Sample_278_Request_5010X217-6_Clean.txt', 'clean', true, []],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  ['X217-HI278/Sample_278_Response_5010X217-1r.txt', 'listed-errors', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  ['X217-HI278/Sample_278_Response_5010X217-2r.txt', 'listed-errors', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  [
    'X217-HI278/Sample_278_Response_5010X217-3r.txt',
    'listed-errors',
    false,
    ['FUNCTIONAL_GROUP_MISMATCH:ST', 'INVALID_CODE:NM18', 'INVALID_LENGTH:TRN3', 'SYNTAX_PAIRED:NM18'],
  ],
  ['X217-HI278/Sample_278_Response_5010X217-4br_Clean.txt', 'clean', true, []],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  [
    'X217-HI278/Sample_278_Response_5010X217-5r.txt',
    'listed-errors',
    false,
    [
      'FUNCTIONAL_GROUP_MISMATCH:ST',
      'INVALID_DATE:BHT4',
      'SEGMENT_MAX_USE:N3',
      'SEGMENT_MAX_USE:N4',
      'SEGMENT_OUT_OF_ORDER:N3',
      'UNEXPECTED_SEGMENT:CR1',
      'UNEXPECTED_SEGMENT:DMG',
      'UNEXPECTED_SEGMENT:DTP',
      'UNEXPECTED_SEGMENT:HCR',
      'UNEXPECTED_SEGMENT:HL',
      'UNEXPECTED_SEGMENT:NM1',
      'UNEXPECTED_SEGMENT:SV1',
      'UNEXPECTED_SEGMENT:UM',
    ],
  ],
  ['X217-HI278/Sample_278_Response_5010X217-5r_Clean.txt', 'clean', true, []],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  [
    'X217-HI278/fail/6.edi',
    'fail',
    false,
    [
      'FUNCTIONAL_GROUP_MISMATCH:ST',
      'UNEXPECTED_SEGMENT:DMG',
      'UNEXPECTED_SEGMENT:DTP',
      'UNEXPECTED_SEGMENT:HL',
      'UNEXPECTED_SEGMENT:NM1',
      'UNEXPECTED_SEGMENT:SV1',
      'UNEXPECTED_SEGMENT:UM',
    ],
  ],
  // GS01 XX names no functional group (a 278's is HI): stupidedi finds no guide for it either
  [
    'X217-HI278/fail/6r.edi',
    'fail',
    false,
    [
      'FUNCTIONAL_GROUP_MISMATCH:ST',
      'UNEXPECTED_SEGMENT:DMG',
      'UNEXPECTED_SEGMENT:DTP',
      'UNEXPECTED_SEGMENT:HCR',
      'UNEXPECTED_SEGMENT:HL',
      'UNEXPECTED_SEGMENT:HSD',
      'UNEXPECTED_SEGMENT:NM1',
      'UNEXPECTED_SEGMENT:SV1',
      'UNEXPECTED_SEGMENT:UM',
    ],
  ],
  ['X217-HI278/pass/1.edi', 'pass', true, []],
  ['X217-HI278/pass/1r.edi', 'pass', true, []],
  ['X217-HI278/pass/2.edi', 'pass', true, []],
  ['X217-HI278/pass/2r.edi', 'pass', true, []],
  ['X217-HI278/pass/3.edi', 'pass', true, []],
  ['X217-HI278/pass/3r.edi', 'pass', true, []],
  ['X217-HI278/pass/4a.edi', 'pass', true, []],
  ['X217-HI278/pass/4ar.edi', 'pass', true, []],
  ['X217-HI278/pass/4b.edi', 'pass', true, []],
  ['X217-HI278/pass/4br.edi', 'pass', true, []],
  ['X217-HI278/pass/5.edi', 'pass', true, []],
  ['X217-HI278/pass/5r.edi', 'pass', true, []],
  ['X217-HI278/pass/6.edi', 'pass', true, []],
  ['X217-HI278/pass/6r.edi', 'pass', true, []],
  // the 2000F services have neither HCR nor AAA (H23054 in Sample_278_Response_5010X217-5r.txt)
  ['X217-HI278/pass/response-to-non-emergency-transportation.edi', 'pass', false, ['X217_RESPONSE_WITHOUT_DECISION:ST']],
  [
    'X279 HB271 Health Care Eligibility Benefit Inquiry and Response/pass/response-to-generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi',
    'pass',
    true,
    [],
  ],
  [
    'X279 HB271 Health Care Eligibility Benefit Inquiry and Response/pass/response-to-generic-request-by-physician-for-patient-(dependent)-eligibility.edi',
    'pass',
    true,
    [],
  ],
  // GS01 XX names no functional group (a 271's is HB): stupidedi finds no guide for it either
  ['X279-HB271/2-bad.txt', 'bad', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 XX names no functional group (a 271's is HB): stupidedi finds no guide for it either
  ['X279-HB271/3-bad.txt', 'bad', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  ['X279-HB271/3-good.txt', 'good', true, []],
  ['X279-HB271/pass/1.edi', 'pass', true, []],
  ['X279-HB271/pass/2.edi', 'pass', true, []],
  ['X279-HB271/pass/2.x12', 'pass', true, []],
  ['X279-HB271/pass/3.edi', 'pass', true, []],
  // GS01 HS for a 271 (the guide's is HB): stupidedi does not check GS01 against the set
  ['X279-HB271/pass/example-1-error.edi', 'pass', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 HS for a 271 (the guide's is HB): stupidedi does not check GS01 against the set
  ['X279-HB271/pass/example-1-response.edi', 'pass', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  // GS01 HS for a 271 (the guide's is HB): stupidedi does not check GS01 against the set
  ['X279-HB271/pass/example-2-response.edi', 'pass', false, ['FUNCTIONAL_GROUP_MISMATCH:ST']],
  ['X279-HS270/pass/1.edi', 'pass', true, []],
  ['X279-HS270/pass/2.edi', 'pass', true, []],
  ['X279-HS270/pass/2.x12', 'pass', true, []],
  ['X279-HS270/pass/example-1-request.edi', 'pass', true, []],
  // stupidedi does not check SE02: SE*15*1234 closes ST 1235
  ['X279-HS270/pass/example-2-request.edi', 'pass', false, ['SE_CONTROL_NUMBER:SE2']],
  [
    'X279A1 HB271 Health Care Eligibility Benefit Inquiry and Response/pass/error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi',
    'pass',
    true,
    [],
  ],
  [
    'X279A1 HS270 Health Care Eligibility Benefit Inquiry and Response/pass/generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi',
    'pass',
    true,
    [],
  ],
  ['X279A1-HS270/pass/generic-request-by-physician-for-patient-(dependent)-eligibility.edi', 'pass', true, []],
];

describe("stupidedi's 005010 fixtures for X212, X214, X217 and X279: our verdict on each", () => {
  it('lists every copied file of these guides', () => {
    const dir = fileURLToPath(new URL(`../fixtures/x12/${ROOT}`, import.meta.url));
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(relative(dir, p));
      }
    };
    walk(dir);
    expect(files.filter((f) => GUIDES.test(f)).sort()).toEqual(CASES.map(([path]) => path).sort());
  });

  it.each(CASES)('%s (stupidedi: %s)', (path, _stupidedi, valid, expected) => {
    const found = [...new Set(errors(stupidediInterchange(path)))].sort();
    expect({ valid: found.length === 0, errors: found }).toEqual({ valid, errors: expected });
  });

  it('agrees with stupidedi on 80 of the 99 files', () => {
    const accepts = (v: Verdict) => ['pass', 'good', 'case', 'clean'].includes(v);
    expect(CASES.filter(([, verdict, valid]) => accepts(verdict) === valid)).toHaveLength(80);
  });
});
