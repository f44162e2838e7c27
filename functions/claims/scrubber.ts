/**
 * The claim scrubber: every edit runs, and all findings come back together so a clerk fixes
 * the claim in one pass. Pure: the code set, payer rules and "today" are inputs.
 */
import { coverageEdits } from './edits-coverage.ts';
import { diagnosisEdits } from './edits-diagnoses.ts';
import { lineEdits } from './edits-lines.ts';
import { authorizationEdits, claimTypeEdits, duplicateEdits, frequencyEdits, timelyFilingEdits } from './edits-payer.ts';
import { providerEdits } from './edits-providers.ts';
import type { ScrubResult } from '#schemas/scrub-result.ts';
import type { Finding } from './findings.ts';
import type { ScrubInput } from './scrub-input.ts';

export type { ScrubResult } from '#schemas/scrub-result.ts';

const edits: readonly ((input: ScrubInput) => Finding[])[] = [
  providerEdits,
  diagnosisEdits,
  lineEdits,
  coverageEdits,
  claimTypeEdits,
  frequencyEdits,
  timelyFilingEdits,
  authorizationEdits,
  duplicateEdits,
];

/** Runs every edit on the claim and returns every finding, errors first. */
export function scrubClaim(input: ScrubInput): ScrubResult {
  const findings = edits.flatMap((edit) => edit(input));
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { clean: findings.every((f) => f.severity !== 'error'), findings };
}
