/** Edits that depend on the payer: claim type and its required fields, timely filing, authorization, frequency. */
import { addDays, daysBetween } from './calendar.ts';
import { error, warning, type Finding } from './findings.ts';
import type { ScrubInput } from './scrub-input.ts';
import { approvedAuthorizationFor, authorizationCovers, authorizationNumbersByLine, unitsUsed } from '#schemas/authorization.ts';

/** How close to a filing deadline a claim gets a warning. */
export const FILING_WARNING_DAYS = 14;

/** 837P/837I required data, beyond what the contract already forces. */
export function claimTypeEdits(input: ScrubInput): Finding[] {
  const { claim, payerProfile } = input;
  const findings: Finding[] = [];
  if (claim.claimType !== payerProfile.claimType) {
    findings.push(
      error(
        'CLAIM_TYPE_MISMATCH',
        'claimType',
        `${payerProfile.name} takes ${payerProfile.claimType} claims for this service; this claim is built as ${claim.claimType}.`,
      ),
    );
  }
  if (claim.claimType === '837P') {
    if (!claim.renderingProviderId)
      findings.push(
        warning(
          'RENDERING_PROVIDER_MISSING',
          'renderingProviderId',
          'No rendering provider; the billing provider will be reported as rendering.',
        ),
      );
    return findings;
  }
  const inst = claim.institutional;
  if (!inst)
    return [...findings, error('INSTITUTIONAL_DATA_REQUIRED', 'institutional', 'An 837I claim needs a type of bill and statement dates.')];
  if (!claim.attendingProviderId)
    findings.push(error('ATTENDING_PROVIDER_REQUIRED', 'attendingProviderId', 'An institutional claim needs the attending provider.'));
  if (inst.typeOfBill[2] !== claim.frequencyCode) {
    findings.push(
      error(
        'TYPE_OF_BILL_FREQUENCY',
        'institutional.typeOfBill',
        `The type of bill ends in ${inst.typeOfBill[2]}, but the claim frequency is ${claim.frequencyCode}; they must agree.`,
      ),
    );
  }
  if (inst.statementFrom > inst.statementThrough)
    findings.push(error('STATEMENT_DATES_REVERSED', 'institutional.statementThrough', 'The statement period ends before it starts.'));
  claim.lines.forEach((line, i) => {
    if (!line.revenueCode)
      findings.push(
        error(
          'REVENUE_CODE_REQUIRED',
          `lines[${i}].revenueCode`,
          `Line ${line.lineNumber} needs a revenue code on an institutional claim.`,
        ),
      );
    if (line.serviceDateFrom < inst.statementFrom || line.serviceDateTo > inst.statementThrough) {
      findings.push(
        error('LINE_OUTSIDE_STATEMENT', `lines[${i}].serviceDateFrom`, `Line ${line.lineNumber} falls outside the statement period.`),
      );
    }
  });
  if (inst.typeOfBill.startsWith('11')) {
    if (!inst.admissionDate)
      findings.push(error('ADMISSION_DATE_REQUIRED', 'institutional.admissionDate', 'An inpatient claim needs the admission date.'));
    if (!inst.admissionTypeCode)
      findings.push(error('ADMISSION_TYPE_REQUIRED', 'institutional.admissionTypeCode', 'An inpatient claim needs the admission type.'));
  }
  // Every 837I carries the patient's status (CL103, X223A2), outpatient claims too.
  if (!inst.patientStatusCode)
    findings.push(error('PATIENT_STATUS_REQUIRED', 'institutional.patientStatusCode', 'An institutional claim needs the patient status.'));
  return findings;
}

/**
 * Timely filing: originals from the date of service (837P, each line) or the statement through
 * date (837I); corrections and voids from the prior adjudication, within the corrected-claim window.
 */
export function timelyFilingEdits(input: ScrubInput): Finding[] {
  const { claim, payerProfile, today } = input;
  const check = (start: string, days: number, path: string, what: string): Finding[] => {
    const deadline = addDays(start, days);
    const left = daysBetween(today, deadline);
    if (left < 0)
      return [
        error(
          'TIMELY_FILING_EXPIRED',
          path,
          `${what} is ${-left} days past ${payerProfile.name}'s ${days}-day filing limit; file only with proof of timely filing.`,
        ),
      ];
    if (left <= FILING_WARNING_DAYS)
      return [
        warning('TIMELY_FILING_NEAR', path, `${what} reaches ${payerProfile.name}'s ${days}-day filing limit in ${left} days; submit now.`),
      ];
    return [];
  };
  if (claim.frequencyCode !== '1') {
    if (!claim.priorAdjudicationDate) return [];
    return check(claim.priorAdjudicationDate, payerProfile.correctedClaimWindowDays, 'priorAdjudicationDate', 'This corrected claim');
  }
  if (claim.claimType === '837I' && claim.institutional) {
    return check(claim.institutional.statementThrough, payerProfile.timelyFilingDays, 'institutional.statementThrough', 'This claim');
  }
  // the oldest line decides
  const oldest = claim.lines.reduce<{ date: string; index: number } | null>(
    (acc, l, index) => (acc === null || l.serviceDateFrom < acc.date ? { date: l.serviceDateFrom, index } : acc),
    null,
  );
  return oldest
    ? check(
        oldest.date,
        payerProfile.timelyFilingDays,
        `lines[${oldest.index}].serviceDateFrom`,
        `Line ${claim.lines[oldest.index]?.lineNumber ?? oldest.index + 1}`,
      )
    : [];
}

/** Replacement (7) and void (8) claims must name the payer's claim number they replace. */
export function frequencyEdits(input: ScrubInput): Finding[] {
  const { claim } = input;
  if (claim.frequencyCode !== '1' && !claim.originalPayerClaimNumber) {
    return [
      error(
        'ORIGINAL_CLAIM_NUMBER_REQUIRED',
        'originalPayerClaimNumber',
        `A ${claim.frequencyCode === '7' ? 'replacement' : 'void'} claim must carry the payer's claim number of the original claim.`,
      ),
    ];
  }
  if (claim.frequencyCode === '1' && claim.originalPayerClaimNumber) {
    return [
      warning(
        'ORIGINAL_CLAIM_NUMBER_UNEXPECTED',
        'originalPayerClaimNumber',
        'An original claim carries a payer claim number to replace; should the frequency be 7 (replacement)?',
      ),
    ];
  }
  return [];
}

/**
 * Lines whose code the payer authorizes in advance need an approved (or partially approved)
 * authorization covering the date, with units left: those billed on other claims count against it,
 * this claim's own earlier billing (a retry, a replacement) does not.
 */
export function authorizationEdits(input: ScrubInput): Finding[] {
  const { claim, payerProfile, authorizations } = input;
  const required = new Set(payerProfile.authorizationRequiredCodes);
  const findings: Finding[] = [];
  const unitsOnThisClaim = new Map<string, number>();
  claim.lines.forEach((line, i) => {
    if (!line.procedureCode || !required.has(line.procedureCode)) return;
    const path = `lines[${i}].procedureCode`;
    const covered = { ...line, patientId: claim.patientId, payerId: claim.payerId };
    const candidates = authorizations.filter((a) => authorizationCovers(a, covered));
    const approved = approvedAuthorizationFor(candidates, covered);
    if (!approved) {
      const pending = candidates.some((a) => a.status === 'requested' || a.status === 'pended');
      findings.push(
        error(
          'AUTHORIZATION_MISSING',
          path,
          pending
            ? `Line ${line.lineNumber}: the authorization for ${line.procedureCode} is still pending with ${payerProfile.name}; hold the claim until it is approved.`
            : `Line ${line.lineNumber}: ${payerProfile.name} requires prior authorization for ${line.procedureCode} and none covers the date of service.`,
        ),
      );
      return;
    }
    const onThisClaim = (unitsOnThisClaim.get(approved.authorizationId) ?? 0) + line.units;
    unitsOnThisClaim.set(approved.authorizationId, onThisClaim);
    if (approved.approvedUnits !== undefined && unitsUsed(approved, claim.claimId) + onThisClaim > approved.approvedUnits) {
      findings.push(
        error(
          'AUTHORIZATION_UNITS_EXCEEDED',
          `lines[${i}].units`,
          `Line ${line.lineNumber}: units billed exceed the ${approved.approvedUnits} approved on authorization ${approved.authorizationNumber} (${unitsUsed(approved, claim.claimId)} already billed on other claims).`,
        ),
      );
    }
  });
  // X223A2 carries one prior authorization, the claim's (2300 REF*G1); its lines have none of their own.
  if (claim.claimType === '837I') {
    const numbers = new Set(authorizationNumbersByLine(authorizations, claim).values());
    if (numbers.size > 1)
      findings.push(
        error(
          'AUTHORIZATIONS_SEVERAL_837I',
          'lines',
          `The lines are covered by ${numbers.size} authorizations, and an institutional claim carries one: split the claim by authorization, or ask ${payerProfile.name} for one authorization covering the stay.`,
        ),
      );
  }
  return findings;
}

/** Statuses of claims that no longer stand (a new claim for the same service is not a duplicate of them). */
const inactive = new Set(['voided', 'corrected', 'rejected', 'draft']);

/** The same patient, payer, service date, code and modifiers already billed on another live claim. */
export function duplicateEdits(input: ScrubInput): Finding[] {
  const { claim, otherClaims } = input;
  const signature = (l: {
    procedureCode?: string | undefined;
    modifiers: readonly string[];
    serviceDateFrom: string;
    revenueCode?: string | undefined;
  }) => `${l.serviceDateFrom}|${l.procedureCode ?? ''}|${l.revenueCode ?? ''}|${[...l.modifiers].sort().join(',')}`;
  const findings: Finding[] = [];
  for (const other of otherClaims) {
    if (
      other.claimId === claim.claimId ||
      other.patientId !== claim.patientId ||
      other.payerId !== claim.payerId ||
      inactive.has(other.status)
    )
      continue;
    if (
      claim.frequencyCode !== '1' &&
      other.payerClaimControlNumber !== undefined &&
      other.payerClaimControlNumber === claim.originalPayerClaimNumber
    )
      continue;
    const theirs = new Set(other.lines.map(signature));
    claim.lines.forEach((line, i) => {
      if (theirs.has(signature(line))) {
        findings.push(
          error(
            'DUPLICATE_CLAIM',
            `lines[${i}]`,
            `Line ${line.lineNumber} was already billed on claim ${other.claimId} (same code, modifiers and date); send a corrected claim instead of a new one.`,
          ),
        );
      }
    });
  }
  return findings;
}
