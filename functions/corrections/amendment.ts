/**
 * The rules of a person's fix to a claim, as pure functions: which statuses allow it, which changes
 * fit the claim (every problem at once, by field path), and the claim they make with its total
 * recomputed from the lines. Messages name fields and line numbers, never values.
 */
import { amendableStatuses } from '#functions/claims/lifecycle.ts';
import type { Claim, ClaimStatus } from '#schemas/claim.ts';
import type { ClaimChanges } from '#schemas/claim-amendment.ts';

/** One problem with a requested change, as InputValidationError lists them. */
export interface AmendmentProblem {
  path: string;
  message: string;
}

/** The outcome of applying changes: the claim they make and the paths that differ, or the problems. */
export type AmendmentOutcome =
  { readonly ok: true; readonly claim: Claim; readonly changed: string[] } | { readonly ok: false; readonly problems: AmendmentProblem[] };

/** Whether a person may amend a claim in this status (not while the payer has it). */
export function isAmendable(status: ClaimStatus): boolean {
  return amendableStatuses.includes(status);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every problem with the changes against this claim: unknown or repeated line numbers, pointers past the diagnoses. */
export function amendmentProblems(claim: Claim, changes: ClaimChanges): AmendmentProblem[] {
  const problems: AmendmentProblem[] = [];
  const diagnosisCount = (changes.diagnoses ?? claim.diagnoses).length;
  const known = new Set(claim.lines.map((l) => l.lineNumber));
  const seen = new Set<number>();
  (changes.lines ?? []).forEach((change, i) => {
    const path = `changes.lines.${i}.lineNumber`;
    if (!known.has(change.lineNumber)) problems.push({ path, message: `the claim has no line ${change.lineNumber}` });
    if (seen.has(change.lineNumber)) problems.push({ path, message: `line ${change.lineNumber} is changed twice` });
    seen.add(change.lineNumber);
  });
  (changes.lines ?? []).forEach((change, i) => {
    const line = claim.lines.find((l) => l.lineNumber === change.lineNumber);
    if (!line || (change.serviceDateFrom === undefined && change.serviceDateTo === undefined)) return;
    if ((change.serviceDateTo ?? line.serviceDateTo) < (change.serviceDateFrom ?? line.serviceDateFrom))
      problems.push({ path: `changes.lines.${i}.serviceDateTo`, message: `line ${change.lineNumber} would end before it starts` });
  });
  if (changes.diagnoses) {
    const codes = changes.diagnoses.map((d) => d.code.replace('.', ''));
    if (new Set(codes).size !== codes.length) problems.push({ path: 'changes.diagnoses', message: 'a diagnosis is listed twice' });
  }
  // Pointers must point at a diagnosis the amended claim has, on every line (changed or not).
  const pointerProblems = (path: string, lineNumber: number, pointers: readonly number[]): void => {
    if (pointers.some((p) => p > diagnosisCount))
      problems.push({ path, message: `line ${lineNumber} points past the ${diagnosisCount} diagnoses of the amended claim` });
    if (new Set(pointers).size !== pointers.length) problems.push({ path, message: `line ${lineNumber} repeats a pointer` });
  };
  (changes.lines ?? []).forEach((change, i) => {
    if (change.diagnosisPointers) pointerProblems(`changes.lines.${i}.diagnosisPointers`, change.lineNumber, change.diagnosisPointers);
  });
  for (const line of claim.lines) {
    if (!changes.lines?.some((c) => c.lineNumber === line.lineNumber && c.diagnosisPointers))
      pointerProblems(`lines.${line.lineNumber}.diagnosisPointers`, line.lineNumber, line.diagnosisPointers);
  }
  return problems;
}

/**
 * Applies the changes to the claim: the new claim, with its total charge recomputed from its lines, and
 * the field paths that differ (`diagnoses`, `renderingProviderId`, `lines[<n>].<field>`, `totalChargeCents`).
 * Changing a field to what it already says changes nothing.
 */
export function applyChanges(claim: Claim, changes: ClaimChanges): AmendmentOutcome {
  const problems = amendmentProblems(claim, changes);
  if (problems.length > 0) return { ok: false, problems };
  const changed: string[] = [];
  const next: Claim = { ...claim, lines: claim.lines.map((l) => ({ ...l })) };
  if (changes.diagnoses && !same(changes.diagnoses, claim.diagnoses)) {
    next.diagnoses = changes.diagnoses.map((d) => ({ ...d }));
    changed.push('diagnoses');
  }
  if (changes.renderingProviderId !== undefined && changes.renderingProviderId !== claim.renderingProviderId) {
    next.renderingProviderId = changes.renderingProviderId;
    changed.push('renderingProviderId');
  }
  for (const change of changes.lines ?? []) {
    const line = next.lines.find((l) => l.lineNumber === change.lineNumber)!;
    const fields = ['procedureCode', 'modifiers', 'units', 'diagnosisPointers', 'chargeCents', 'serviceDateFrom', 'serviceDateTo'] as const;
    for (const field of fields) {
      const value = change[field];
      if (value === undefined || same(value, line[field])) continue;
      Object.assign(line, { [field]: Array.isArray(value) ? [...value] : value });
      changed.push(`lines[${line.lineNumber}].${field}`);
    }
  }
  const total = next.lines.reduce((sum, l) => sum + l.chargeCents, 0);
  if (total !== claim.totalChargeCents) {
    next.totalChargeCents = total;
    changed.push('totalChargeCents');
  }
  return { ok: true, claim: next, changed };
}
