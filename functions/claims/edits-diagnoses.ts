/** Edits on the ICD-10-CM diagnoses: structure, code-set membership, billable specificity. */
import { error, warning, type Finding } from './findings.ts';
import { displayIcd10Cm, icd10CmStructureProblems, normalizeIcd10Cm } from './icd10cm.ts';
import type { Icd10CmCodeSet } from './code-set.ts';
import type { ScrubInput } from './scrub-input.ts';

/** The release to check against: the one in effect on the claim's through date, when known. */
function releaseFor(input: ScrubInput): Icd10CmCodeSet {
  const { claim } = input;
  const through =
    claim.institutional?.statementThrough ??
    claim.lines
      .map((l) => l.serviceDateTo)
      .sort()
      .at(-1);
  return (through && input.codeSetForDate?.(through)) || input.codeSet;
}

/** Checks every diagnosis against the structure rules and the loaded code set. */
export function diagnosisEdits(input: ScrubInput): Finding[] {
  const findings: Finding[] = [];
  const { diagnoses } = input.claim;
  if (diagnoses.length === 0)
    findings.push(error('DIAGNOSIS_REQUIRED', 'diagnoses', 'The claim has no diagnosis; at least one ICD-10-CM code is required.'));
  const codeSet = releaseFor(input);
  const seen = new Set<string>();
  diagnoses.forEach((dx, i) => {
    const path = `diagnoses[${i}].code`;
    const structure = icd10CmStructureProblems(dx.code);
    if (structure.length > 0) {
      for (const problem of structure) findings.push(error('ICD10_STRUCTURE', path, `Diagnosis ${dx.code}: ${problem}.`));
      return;
    }
    const code = normalizeIcd10Cm(dx.code);
    if (seen.has(code)) findings.push(warning('ICD10_DUPLICATE', path, `Diagnosis ${displayIcd10Cm(code)} is listed more than once.`));
    seen.add(code);
    const entry = codeSet.lookup(code);
    if (!entry) {
      findings.push(
        error(
          'ICD10_UNKNOWN',
          path,
          `Diagnosis ${displayIcd10Cm(code)} is not in the ICD-10-CM code set (${codeSet.release}); check for a typo or a retired code.`,
        ),
      );
    } else if (!entry.billable) {
      const hints = codeSet.billableChildren(code).map((c) => displayIcd10Cm(c.code));
      const hint = hints.length > 0 ? ` such as ${hints.join(', ')}` : '';
      findings.push(
        error(
          'ICD10_NOT_BILLABLE',
          path,
          `Diagnosis ${displayIcd10Cm(code)} is a heading, not a billable code; pick a more specific code${hint}.`,
        ),
      );
    }
  });
  return findings;
}
