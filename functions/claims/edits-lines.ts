/** Edits on each service line: codes, modifiers, place of service, pointers, dates, charges. */
import { daysBetween } from './calendar.ts';
import { error, warning, type Finding } from './findings.ts';
import { isValidModifier, placesOfService, procedureCodeKind } from './procedure-codes.ts';
import type { ScrubInput } from './scrub-input.ts';

/** Revenue codes for room and board (01xx–02xx) are billed without a HCPCS code. */
const accommodationRevenueCode = /^0[12]\d\d$/;

/** Line-level format and consistency edits. */
export function lineEdits(input: ScrubInput): Finding[] {
  const { claim, today } = input;
  const findings: Finding[] = [];
  const institutional = claim.claimType === '837I';
  const inpatient = claim.institutional?.typeOfBill.startsWith('11') ?? false;
  claim.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const label = `Line ${line.lineNumber}`;
    if (line.procedureCode === undefined) {
      const exempt = institutional && (inpatient || (line.revenueCode !== undefined && accommodationRevenueCode.test(line.revenueCode)));
      if (!exempt) findings.push(error('PROCEDURE_CODE_REQUIRED', `${at}.procedureCode`, `${label} has no CPT/HCPCS code.`));
    } else if (procedureCodeKind(line.procedureCode) === null) {
      findings.push(
        error(
          'PROCEDURE_CODE_FORMAT',
          `${at}.procedureCode`,
          `${label}: ${line.procedureCode} is not a CPT or HCPCS code (five digits, four digits + F/T, or a letter A–V + four digits).`,
        ),
      );
    }
    if (line.modifiers.length > 4)
      findings.push(
        error('MODIFIER_COUNT', `${at}.modifiers`, `${label} has ${line.modifiers.length} modifiers; at most four fit on a claim line.`),
      );
    const mods = new Set<string>();
    line.modifiers.forEach((m, j) => {
      if (!isValidModifier(m))
        findings.push(error('MODIFIER_FORMAT', `${at}.modifiers[${j}]`, `${label}: modifier "${m}" must be two letters or digits.`));
      else if (mods.has(m)) findings.push(warning('MODIFIER_DUPLICATE', `${at}.modifiers[${j}]`, `${label}: modifier ${m} appears twice.`));
      mods.add(m);
    });
    if (!institutional) {
      if (line.placeOfService === undefined)
        findings.push(error('PLACE_OF_SERVICE_REQUIRED', `${at}.placeOfService`, `${label} has no place of service.`));
      else if (!(line.placeOfService in placesOfService))
        findings.push(
          error('PLACE_OF_SERVICE_INVALID', `${at}.placeOfService`, `${label}: ${line.placeOfService} is not a CMS place-of-service code.`),
        );
      if (line.diagnosisPointers.length === 0)
        findings.push(error('DIAGNOSIS_POINTER_REQUIRED', `${at}.diagnosisPointers`, `${label} does not point to any diagnosis.`));
    }
    const pointers = new Set<number>();
    line.diagnosisPointers.forEach((p, j) => {
      if (p > claim.diagnoses.length)
        findings.push(
          error(
            'DIAGNOSIS_POINTER_RANGE',
            `${at}.diagnosisPointers[${j}]`,
            `${label} points to diagnosis ${p}, but the claim lists ${claim.diagnoses.length}.`,
          ),
        );
      if (pointers.has(p))
        findings.push(warning('DIAGNOSIS_POINTER_DUPLICATE', `${at}.diagnosisPointers[${j}]`, `${label} points to diagnosis ${p} twice.`));
      pointers.add(p);
    });
    if (line.serviceDateFrom > line.serviceDateTo)
      findings.push(error('SERVICE_DATES_REVERSED', `${at}.serviceDateTo`, `${label}: the service end date is before the start date.`));
    if (daysBetween(today, line.serviceDateTo) > 0 || daysBetween(today, line.serviceDateFrom) > 0) {
      findings.push(
        error(
          'SERVICE_DATE_FUTURE',
          `${at}.serviceDateFrom`,
          `${label} has a date of service in the future; bill after the service is provided.`,
        ),
      );
    }
    if (line.chargeCents === 0) findings.push(warning('LINE_CHARGE_ZERO', `${at}.chargeCents`, `${label} has a zero charge.`));
  });
  const sum = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
  if (sum !== claim.totalChargeCents) {
    findings.push(error('TOTAL_CHARGE_MISMATCH', 'totalChargeCents', 'The claim total does not equal the sum of its line charges.'));
  }
  const numbers = claim.lines.map((l) => l.lineNumber);
  if (new Set(numbers).size !== numbers.length) findings.push(error('LINE_NUMBER_DUPLICATE', 'lines', 'Two lines share a line number.'));
  return findings;
}
