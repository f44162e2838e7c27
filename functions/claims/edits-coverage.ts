/** Edits on the coverage billed: on file, same payer, active on the dates of service, priority consistent. */
import type { Coverage } from '#schemas/coverage.ts';
import { error, warning, type Finding } from './findings.ts';
import type { ScrubInput } from './scrub-input.ts';

const activeOn = (c: Coverage, date: string): boolean =>
  c.effectiveDate <= date && (c.terminationDate === undefined || date <= c.terminationDate);

/** Coverage and coordination-of-benefits edits. */
export function coverageEdits(input: ScrubInput): Finding[] {
  const { claim, coverages } = input;
  const findings: Finding[] = [];
  const coverage = coverages.find((c) => c.coverageId === claim.coverageId);
  if (!coverage)
    return [
      error(
        'COVERAGE_NOT_FOUND',
        'coverageId',
        `Coverage ${claim.coverageId} is not on the patient's file; verify insurance before billing.`,
      ),
    ];
  if (coverage.payerId !== claim.payerId) {
    findings.push(
      error(
        'COVERAGE_PAYER_MISMATCH',
        'payerId',
        `The claim is addressed to payer ${claim.payerId}, but coverage ${coverage.coverageId} is with payer ${coverage.payerId}.`,
      ),
    );
  }
  claim.lines.forEach((line, i) => {
    if (!activeOn(coverage, line.serviceDateFrom) || !activeOn(coverage, line.serviceDateTo)) {
      findings.push(
        error(
          'COVERAGE_INACTIVE',
          `lines[${i}].serviceDateFrom`,
          `Line ${line.lineNumber}: coverage ${coverage.coverageId} was not active on the date of service; check eligibility or bill another payer.`,
        ),
      );
    }
  });
  const dates = [...new Set(claim.lines.flatMap((l) => [l.serviceDateFrom, l.serviceDateTo]))].sort();
  for (const priority of ['primary', 'secondary', 'tertiary'] as const) {
    const clash = dates.some((d) => coverages.filter((c) => c.priority === priority && activeOn(c, d)).length > 1);
    if (clash)
      findings.push(
        error(
          'COVERAGE_PRIORITY_CONFLICT',
          'coverageId',
          `The patient has two ${priority} coverages active on the dates of service; fix the coordination-of-benefits order.`,
        ),
      );
  }
  if (coverage.priority !== 'primary') {
    const above = coverage.priority === 'secondary' ? ['primary'] : ['primary', 'secondary'];
    for (const p of above) {
      const found = dates.every((d) => coverages.some((c) => c.priority === p && activeOn(c, d)));
      if (!found)
        findings.push(
          error(
            'COVERAGE_PRIORITY_GAP',
            'coverageId',
            `This claim bills ${coverage.priority} coverage, but no ${p} coverage is active on the dates of service; re-check the coverage order.`,
          ),
        );
    }
    if (claim.priorPayerPaidCents === undefined) {
      findings.push(
        warning(
          'COB_PRIOR_PAYMENT_MISSING',
          'priorPayerPaidCents',
          `A ${coverage.priority} claim needs the earlier payer's adjudication (paid amount and adjustments) attached.`,
        ),
      );
    }
  }
  return findings;
}
