/**
 * Held-out public files with an independent validator's verdict (issue 12): stupidedi's 005010
 * fixtures of the 835 (X221), 837P (X222), 837I (X223) and 999 (X231), copied verbatim under
 * test/fixtures/x12/stupidedi/005010/. stupidedi's verdict is the folder (pass/, fail/) or the name
 * (-good, -bad); case/ and skip/ carry none. Ours is `rcm x12 validate`'s (validateFile): `valid` and
 * the sorted error codes. Most files open with prose that stupidedi's reader skips and ours does not
 * (NO_ISA), so for those the interchange from its ISA is judged too. A comment on each file where the
 * verdicts differ says why.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile } from '#infra/cli/commands/x12.ts';

const ROOT = fileURLToPath(new URL('../fixtures/x12/stupidedi/005010/', import.meta.url));
const GUIDES = /^X22[123]|^X231/;

interface Verdict {
  valid: boolean;
  errors: string[];
}
interface Expected {
  /** stupidedi's verdict: its folder or the file's name. */
  theirs: 'pass' | 'fail' | 'good' | 'bad' | 'case' | 'skip';
  /** Ours on the file as it is. */
  file: Verdict;
  /** Ours on the interchange from the ISA that starts a line, when prose precedes it. */
  interchange?: Verdict;
}

function v(valid: boolean, ...errors: string[]): Verdict {
  return { valid, errors };
}

const EXPECTED: Record<string, Expected> = {
  'X221-HP835/2-bad.txt': { theirs: 'bad', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'SE_COUNT') },
  'X221-HP835/3c-bad.txt': {
    theirs: 'bad',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE', 'MISSING_ELEMENT', 'SE_COUNT'),
  },
  'X221-HP835/case/1.edi': { theirs: 'case', file: v(false, 'NO_ISA'), interchange: v(true) },
  'X221-HP835/case/2.edi': { theirs: 'case', file: v(false, 'NO_ISA'), interchange: v(true) },
  // (no verdict in case/) SE*39 counts 41
  'X221-HP835/case/3a.edi': { theirs: 'case', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); TS306-TS312 are Not Used in X221A1 (pyx12's map, ts835.ts); TS3 here is 4010's layout with TS309 and TS311
  'X221-HP835/pass/business-scenario-1.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'UNUSED_ELEMENT') },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: SE*25 counts 26 segments
  'X221-HP835/pass/business-scenario-2.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); SVC*HC>12345>26 uses '>' while ISA16 is ':' (no procedure code); AMT*AU is not a 2110 AMT01 code (B6, KH, T, T2, ZK-ZO)
  'X221-HP835/pass/business-scenario-3a.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'INVALID_CODE', 'MISSING_ELEMENT'),
  },
  // prose before ISA (NO_ISA); NM1*QC has a stray '*' (NM110 Not Used, NM108/NM109 pair broken); SVC*HC*24599 splits SVC01; AMT*AU in 2110; SE*38 counts 25
  'X221-HP835/pass/business-scenario-3b.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'INVALID_CODE', 'MISSING_ELEMENT', 'SE_COUNT', 'SYNTAX_PAIRED', 'UNUSED_ELEMENT'),
  },
  // prose before ISA (NO_ISA); SVC*HC>55669 uses '>' while ISA16 is ':'; AMT*AU in 2110; stupidedi does not check SE01: SE*38 counts 25
  'X221-HP835/pass/business-scenario-3c.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'INVALID_CODE', 'MISSING_ELEMENT', 'SE_COUNT'),
  },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/dollars-and-data-sent-separate.edi': { theirs: 'pass', file: v(true) },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/dollars-and-data-sent-together.edi': { theirs: 'pass', file: v(true) },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/era-sample.edi': { theirs: 'pass', file: v(true) },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/multiple-claims-single-check.edi': { theirs: 'pass', file: v(true) },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/secondary-payment-with-higher-fee-schedule.edi': { theirs: 'pass', file: v(true) },
  'X221A1 HP835 Health Care Claim Payment Advice/pass/tertiary-payments.edi': { theirs: 'pass', file: v(true) },
  'X221A1-HP835/fail/2.edi': { theirs: 'fail', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'SE_COUNT') },
  'X221A1-HP835/fail/3a.edi': { theirs: 'fail', file: v(false, 'NO_ISA'), interchange: v(false, 'INVALID_CODE', 'MISSING_ELEMENT') },
  'X221A1-HP835/fail/3b.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'INVALID_CODE', 'MISSING_ELEMENT', 'SE_COUNT', 'SYNTAX_PAIRED', 'UNUSED_ELEMENT'),
  },
  'X221A1-HP835/fail/3c.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE', 'MISSING_ELEMENT', 'SE_COUNT'),
  },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: the PER was added, SE+32 counts 33
  'X221A1-HP835/pass/1.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: the PER was added, SE*32 counts 33
  'X221A1-HP835/pass/2.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: the PER was added, SE*39 counts 42
  'X221A1-HP835/pass/3a.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: SE*24 counts 25
  'X221A1-HP835/pass/3b.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  // prose before ISA (NO_ISA); stupidedi does not check SE01: SE*26 counts 27
  'X221A1-HP835/pass/3c.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'SE_COUNT') },
  'X221A1-HP835/pass/era-sample.edi': { theirs: 'pass', file: v(true) },
  'X221A1-HP835/pass/multiple-claims-single-check.edi': { theirs: 'pass', file: v(true) },
  'X221A1-HP835/pass/secondary-payments.edi': { theirs: 'pass', file: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/12-good.txt': { theirs: 'good', file: v(false, 'NO_ISA'), interchange: v(true) },
  'X222-HC837/3a-bad.txt': {
    theirs: 'bad',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'UNEXPECTED_SEGMENT', 'UNUSED_ELEMENT'),
  },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/6-good.txt': { theirs: 'good', file: v(false, 'NO_ISA'), interchange: v(true) },
  // GS01 XX names no functional group (an 837's is HC): stupidedi finds no guide for it either; its other
  // listed defects (NPI check digits, 9-digit ZIPs, situational N4/SV5/PAT08) are no guide element rule we check
  'X222-HC837/7-bad.txt': { theirs: 'bad', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH') },
  'X222-HC837/8-bad.txt': { theirs: 'bad', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE') },
  'X222-HC837/9-bad.txt': {
    theirs: 'bad',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE', 'INVALID_LENGTH', 'MISSING_ELEMENT'),
  },
  // GS01 XX names no functional group (an 837's is HC): stupidedi finds no guide for it either
  'X222-HC837/fail/10a.edi': { theirs: 'fail', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH') },
  'X222-HC837/fail/10a.x12': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE'),
  },
  'X222-HC837/fail/10b.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE'),
  },
  'X222-HC837/fail/10c.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE'),
  },
  // GS01 XX names no functional group (an 837's is HC): stupidedi finds no guide for it either
  'X222-HC837/fail/13.x12': { theirs: 'fail', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH') },
  'X222-HC837/fail/3b.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'MISSING_SEGMENT', 'SE_COUNT', 'UNEXPECTED_SEGMENT'),
  },
  'X222-HC837/fail/5.edi': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'MISSING_ELEMENT'),
  },
  'X222-HC837/fail/6.x12': {
    theirs: 'fail',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE', 'INVALID_LENGTH', 'MISSING_ELEMENT', 'SE_COUNT'),
  },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/10a.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/10b.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/10c.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/11.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/12.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/13.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/3a.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/3b.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/3c.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/4.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/5.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/5.x12': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/6.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/7.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/8.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X222-HC837/pass/9.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-1.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-10a.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-10b.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-10c.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-11.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-2.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-3a.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-3b.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-3c.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-4.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-6.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-7.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-8.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/professional-example-9.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/pass/property-and-casualty-example-1.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/skip/professional-example-12.edi': { theirs: 'skip', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  // ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X222-HC837/skip/professional-example-5.edi': { theirs: 'skip', file: v(false, 'NO_ISA'), interchange: v(false, 'WRONG_DELIMITERS') },
  'X222A1 HC837 Health Care Claim Professional/pass/COB-claim-from-billing-provider-to-payer-b.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/COB-claim-from-payer-a-to-payer-b-in-payer-to-payer.edi': {
    theirs: 'pass',
    file: v(true),
  },
  'X222A1 HC837 Health Care Claim Professional/pass/ambulance.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/anesthesia.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/chiropractic.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/commercial-health-insurance.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/drug-administered-in-the-physician-office.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/encounter.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/home-infusion-therapy-pharmacy-(adjudicated-with-HCPCS-in-loop-2400-or-NDC-in-loop-2410).edi':
    { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/medicare-secondary-payer-COB.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/out-of-network-repriced-claim.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/oxygen.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/ppo-repriced-claim.edi': { theirs: 'pass', file: v(true) },
  'X222A1 HC837 Health Care Claim Professional/pass/wheelchair.edi': { theirs: 'pass', file: v(true) },
  'X222A1-HC837/pass/COB-claim-from-billing-provider-to-payer-a.edi': { theirs: 'pass', file: v(true) },
  'X222A1-HC837/pass/home-infusion-therapy-pharmacy-(adjudicated-with-NDC-in-loop-2410).edi': { theirs: 'pass', file: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223-HC837/1-good.txt': { theirs: 'good', file: v(false, 'NO_ISA'), interchange: v(true) },
  'X223-HC837/3-bad.txt': {
    theirs: 'bad',
    file: v(false, 'NO_ISA'),
    interchange: v(
      false,
      'FUNCTIONAL_GROUP_MISMATCH',
      'INVALID_CODE',
      'INVALID_LENGTH',
      'MISSING_ELEMENT',
      'UNEXPECTED_SEGMENT',
      'VERSION_MISMATCH',
    ),
  },
  'X223-HC837/4-bad.txt': {
    theirs: 'bad',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH', 'INVALID_CODE', 'INVALID_LENGTH', 'MISSING_ELEMENT', 'VERSION_MISMATCH'),
  },
  // GS01 XX names no functional group (an 837's is HC): stupidedi finds no guide for it either
  'X223-HC837/fail/2.x12': { theirs: 'fail', file: v(false, 'NO_ISA'), interchange: v(false, 'FUNCTIONAL_GROUP_MISMATCH') },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X223-HC837/pass/institutional-business-scenario-1.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X223-HC837/pass/institutional-business-scenario-2.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X223-HC837/pass/institutional-business-scenario-3.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X223-HC837/pass/institutional-business-scenario-4.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // stupidedi skips the prose before ISA: NO_ISA ; its interchange is wrapped at 60 columns inside segments, a line break that is not the declared terminator (WRONG_DELIMITERS); stupidedi drops line breaks
  'X223-HC837/pass/property-and-casualty-business-scenario-1.edi': {
    theirs: 'pass',
    file: v(false, 'NO_ISA'),
    interchange: v(false, 'WRONG_DELIMITERS'),
  },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223A1-HC837/pass/1.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223A1-HC837/pass/2.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223A1-HC837/pass/3.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223A1-HC837/pass/4.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // stupidedi skips the prose before ISA: NO_ISA
  'X223A1-HC837/pass/5.edi': { theirs: 'pass', file: v(false, 'NO_ISA'), interchange: v(true) },
  // DTP*434*RD8*19960911: RD8 needs CCYYMMDD-CCYYMMDD; stupidedi does not check date formats
  'X223A2 HC837 Health Care Claim Institutional/pass/837-institutional-claim.edi': { theirs: 'pass', file: v(false, 'INVALID_DATE') },
  'X223A2 HC837 Health Care Claim Institutional/pass/automobile-accident.edi': { theirs: 'pass', file: v(true) },
  'X223A2 HC837 Health Care Claim Institutional/pass/out-of-network-repriced-claim.edi': { theirs: 'pass', file: v(true) },
  'X223A2 HC837 Health Care Claim Institutional/pass/ppo-repriced-claim.edi': { theirs: 'pass', file: v(true) },
  'X223A2 HC837 Health Care Claim Institutional/pass/two-claims-for-the-same-provider.edi': { theirs: 'pass', file: v(true) },
  'X231A1 FA999 Implementation Acknowledgment for Health Care Insurance/pass/response-to-functional-group-containing-3-837s.edi': {
    theirs: 'pass',
    file: v(true),
  },
  // ISA02/04/06/08 are fixed width (10, 10, 15, 15): this ISA is 78 bytes, stupidedi reads it anyway
  'X231A1-FA999/pass/1.edi': { theirs: 'pass', file: v(false, 'ISA_NOT_FIXED_WIDTH') },
  'X231A1-FA999/pass/response-to-functional-group-containing-3-837s.edi': { theirs: 'pass', file: v(true) },
};

/** Every file of our guides' folders, as a path below 005010/. */
function heldOutFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const rel = dir ? `${dir}/${name}` : name;
      return statSync(join(ROOT, rel)).isDirectory() ? walk(rel) : [rel];
    });
  return readdirSync(ROOT)
    .filter((dir) => GUIDES.test(dir))
    .flatMap((dir) => walk(dir))
    .sort();
}

/** The verdict of `rcm x12 validate` on a file: valid, and the sorted set of error codes. */
async function verdict(path: string): Promise<Verdict> {
  const report = await validateFile(path);
  const codes = new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.code));
  if (report.error) codes.add(report.error.code);
  return { valid: report.valid, errors: [...codes].sort() };
}

const scratch = mkdtempSync(join(tmpdir(), 'heldout-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The file's interchange from its first ISA, written beside the others so validate reads a file. */
function interchangeOf(rel: string): string | undefined {
  const text = readFileSync(join(ROOT, rel), 'latin1');
  // The interchange header starts a line: "LISA" in a PER of the prose's segment listing is not one.
  const found = /(^|\n)ISA[^A-Za-z0-9\s]/.exec(text);
  const at = found ? found.index + (found[1]?.length ?? 0) : -1;
  if (at <= 0) return undefined;
  const path = join(scratch, rel.replaceAll('/', '_'));
  writeFileSync(path, text.slice(at), 'latin1');
  return path;
}

describe("stupidedi's held-out 835, 837P, 837I and 999 files", () => {
  it('lists every copied file, and only those', () => {
    expect(heldOutFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [rel, expected] of Object.entries(EXPECTED)) {
    it(`${rel} (stupidedi: ${expected.theirs})`, async () => {
      expect(await verdict(join(ROOT, rel))).toEqual(expected.file);
      const inner = interchangeOf(rel);
      expect(inner === undefined ? undefined : await verdict(inner)).toEqual(expected.interchange);
    });
  }
});
