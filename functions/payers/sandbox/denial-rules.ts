/**
 * The sandbox payer's denial rules, as a payer's edits would apply them: claim-level (duplicate,
 * coverage dates, timely filing, coordination of benefits, provider id) and line-level (pricing,
 * modifiers, authorization, bundling, medical necessity). Each check names its CARC and remarks.
 */
import { isValidNpi } from '#functions/claims/identifiers.ts';
import { daysBetween, unitsInThousandths } from './money.ts';
import { fingerprint } from './state.ts';
import type { SandboxState } from './state.ts';
import type { SandboxClaim, SandboxLine, SandboxMember, SandboxPlan } from './types.ts';

/** A denial: its group-code reason (e.g. `CO-97`) and remark codes. */
export interface Denial {
  reason: string;
  remarks: string[];
}

/** The first claim-level denial that applies (duplicate, coverage dates, timely filing, coordination of benefits, provider id), unless waived on appeal. */
export function claimDenial(
  claim: SandboxClaim,
  plan: SandboxPlan,
  member: SandboxMember,
  state: SandboxState,
  received: string,
  waive: ReadonlySet<string>,
): Denial | undefined {
  const dates = claim.lines.map((l) => l.serviceDate).sort();
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  const checks: [string, () => boolean, string[]][] = [
    ['CO-18', () => claim.frequencyCode === '1' && state.fingerprints[fingerprint(claim)] !== undefined, []],
    ['CO-26', () => first < member.effectiveDate, ['N30']],
    ['CO-27', () => member.terminationDate !== undefined && last > member.terminationDate, ['N30']],
    ['CO-29', () => daysBetween(last, received) > plan.timelyFilingDays, []],
    ['CO-22', () => member.otherCoveragePrimary === true && !claim.priorPayer, []],
    ['CO-16', () => member.priority === 'secondary' && !claim.priorPayer, ['MA04', 'N479']],
    ['CO-16', () => claim.renderingProviderNpi !== undefined && !isValidNpi(claim.renderingProviderNpi), ['MA130', 'N290']],
  ];
  for (const [reason, applies, remarks] of checks) {
    if (!waive.has(reason) && applies()) return { reason, remarks };
  }
  return undefined;
}

/** CO-197/CO-198 against the member's issued authorizations, when the payer keeps them. */
function authorizationDenial(line: SandboxLine, claim: SandboxClaim, member: SandboxMember): Denial | undefined {
  if (!member.authorizations || !claim.authorizationNumber) return undefined;
  const codes = [line.procedureCode, line.revenueCode].filter((c): c is string => c !== undefined);
  const auth = member.authorizations.find(
    (a) =>
      a.number === claim.authorizationNumber &&
      codes.some((c) => a.codes.includes(c)) &&
      a.validFrom <= line.serviceDate &&
      line.serviceDate <= a.validThrough,
  );
  if (!auth) return { reason: 'CO-197', remarks: ['N54'] };
  if (auth.approvedUnits !== undefined && unitsInThousandths(line.units) > auth.approvedUnits * 1000)
    return { reason: 'CO-198', remarks: ['N362'] };
  return undefined;
}

/** The first line-level denial that applies (unpriced code, modifier, authorization, bundling, medical necessity), unless waived on appeal. */
export function lineDenial(
  line: SandboxLine,
  claim: SandboxClaim,
  plan: SandboxPlan,
  member: SandboxMember,
  waive: ReadonlySet<string>,
): Denial | undefined {
  const code = line.procedureCode;
  const priced =
    (code !== undefined && plan.feeSchedule[code] !== undefined) ||
    (claim.claimType === '837I' && line.revenueCode !== undefined && plan.revenueSchedule[line.revenueCode] !== undefined);
  const checks: [string, () => boolean, string[]][] = [
    ['CO-16', () => code === undefined && line.revenueCode === undefined, ['M51']],
    ['CO-96', () => !priced, ['N130']],
    [
      'CO-4',
      () =>
        code !== undefined &&
        line.modifiers.some((m) => plan.modifierRules.some((r) => r.modifier === m && !r.codePrefixes.some((p) => code.startsWith(p)))),
      [],
    ],
    [
      'CO-197',
      () =>
        !claim.authorizationNumber && [code, line.revenueCode].some((c) => c !== undefined && plan.authorizationRequiredCodes.includes(c)),
      ['M62'],
    ],
    [
      'CO-197',
      () =>
        [code, line.revenueCode].some((c) => c !== undefined && plan.authorizationRequiredCodes.includes(c)) &&
        authorizationDenial(line, claim, member)?.reason === 'CO-197',
      ['N54'],
    ],
    [
      'CO-198',
      () =>
        [code, line.revenueCode].some((c) => c !== undefined && plan.authorizationRequiredCodes.includes(c)) &&
        authorizationDenial(line, claim, member)?.reason === 'CO-198',
      ['N362'],
    ],
    [
      'CO-97',
      () =>
        code !== undefined &&
        !line.modifiers.some((m) => plan.unbundlingModifiers.includes(m)) &&
        plan.bundling.some(
          (b) =>
            b.column2 === code &&
            claim.lines.some((o) => o !== line && o.procedureCode === b.column1 && o.serviceDate === line.serviceDate),
        ),
      ['M80'],
    ],
  ];
  for (const [reason, applies, remarks] of checks) {
    if (!waive.has(reason) && applies()) return { reason, remarks };
  }
  const policy = code === undefined ? undefined : plan.necessity.find((p) => p.procedureCode === code);
  if (policy && !waive.has('CO-50') && !claim.diagnoses.some((d) => policy.diagnosisPrefixes.some((p) => d.startsWith(p))))
    return { reason: 'CO-50', remarks: [policy.remark] };
  return undefined;
}
