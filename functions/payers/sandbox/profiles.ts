/**
 * The sandbox payers and their members, as data. Fee schedules are illustrative amounts, not any
 * real payer's rates. Three plans: a commercial primary (837P and 837I), a commercial secondary
 * that coordinates benefits, and a Medicare-like primary with a short timely-filing limit.
 */
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { CostShare, IssuedAuthorization, SandboxMember, SandboxPlan } from './types.ts';

const PROFESSIONAL_FEES: Record<string, number> = {
  '99202': 7500,
  '99203': 11000,
  '99204': 16500,
  '99212': 5500,
  '99213': 9000,
  '99214': 13000,
  '99215': 18000,
  '99283': 15000,
  '99284': 24000,
  '99285': 35000,
  '36415': 1000,
  '80053': 1500,
  '85025': 1100,
  '87880': 1700,
  '81002': 400,
  '93000': 2000,
  '93010': 900,
  '71046': 3500,
  '72148': 42000,
  '70553': 65000,
  '97110': 3200,
  '97140': 3000,
  '20610': 8000,
  '29881': 95000,
  '27447': 180000,
  J3301: 300,
  G0008: 2500,
  '90686': 2200,
};

const REVENUE_FEES: Record<string, number> = {
  '0110': 120000,
  '0120': 110000,
  '0250': 2000,
  '0300': 3000,
  '0301': 2500,
  '0320': 9000,
  '0350': 45000,
  '0360': 250000,
  '0450': 60000,
  '0636': 1500,
  '0730': 5000,
  '0762': 80000,
};

const NECESSITY = [
  { procedureCode: '97110', diagnosisPrefixes: ['M', 'S', 'G8', 'Z96'], remark: 'N115' },
  { procedureCode: '93000', diagnosisPrefixes: ['I', 'R00', 'R07', 'R55', 'Z01'], remark: 'N115' },
  { procedureCode: '72148', diagnosisPrefixes: ['M43', 'M47', 'M48', 'M51', 'M54', 'G83'], remark: 'N386' },
];

const MODIFIER_RULES = [
  { modifier: '25', codePrefixes: ['992'] },
  { modifier: 'LT', codePrefixes: ['2', '7'] },
  { modifier: 'RT', codePrefixes: ['2', '7'] },
  { modifier: '26', codePrefixes: ['7', '93'] },
  { modifier: 'TC', codePrefixes: ['7', '93'] },
];

const BUNDLING = [
  { column1: '93000', column2: '93010' },
  { column1: '29881', column2: '20610' },
  { column1: '80053', column2: '85025' },
];

const APPEAL_RULES = [
  { reason: 'CO-197', overturnWith: ['authorization-number' as const] },
  { reason: 'CO-50', overturnWith: ['medical-records' as const] },
  { reason: 'CO-29', overturnWith: ['proof-of-timely-filing' as const] },
  { reason: 'CO-97', overturnWith: ['medical-records' as const, 'corrected-modifier' as const] },
  { reason: 'CO-22', overturnWith: ['primary-eob' as const] },
  { reason: 'CO-198', overturnWith: ['medical-records' as const] },
];

/** Commercial primary: pays professional and institutional claims. */
export const SANDBOX_COMMERCIAL: SandboxPlan = {
  payerId: 'SBXCOMM01',
  name: 'SANDBOX COMMERCIAL HEALTH PLAN',
  claimFilingIndicator: '12',
  originatorId: '1999999991',
  feeSchedule: PROFESSIONAL_FEES,
  revenueSchedule: REVENUE_FEES,
  copayCodes: ['99202', '99203', '99204', '99212', '99213', '99214', '99215', '99283', '99284', '99285'],
  authorizationRequiredCodes: ['72148', '70553', '27447', '29881', '0360'],
  necessity: NECESSITY,
  modifierRules: MODIFIER_RULES,
  bundling: BUNDLING,
  unbundlingModifiers: ['59', 'XE', 'XS', 'XP', 'XU'],
  timelyFilingDays: 180,
  correctedClaimWindowDays: 180,
  appealLevels: [
    { level: 1, name: 'First-level appeal', deadlineDays: 180 },
    { level: 2, name: 'Second-level appeal', deadlineDays: 60 },
  ],
  promptPayDays: 30,
  interestRateBps: 1200,
  pendDays: 45,
  appealRules: APPEAL_RULES,
  // A newly hired physician whose enrollment with this payer is still in process.
  unenrolledRenderingNpis: ['1555555550'],
};

/** Commercial secondary: coordinates benefits after a primary payer. */
export const SANDBOX_SECONDARY: SandboxPlan = {
  ...SANDBOX_COMMERCIAL,
  payerId: 'SBXSEC02',
  name: 'SANDBOX SECONDARY MUTUAL',
  originatorId: '1999999992',
  // A secondary usually allows somewhat less; some codes more, so that both COB branches occur.
  feeSchedule: Object.fromEntries(
    Object.entries(PROFESSIONAL_FEES).map(([k, v], i) => [k, i % 3 === 0 ? Math.floor((v * 11) / 10) : Math.floor((v * 9) / 10)]),
  ),
  copayCodes: [],
  authorizationRequiredCodes: [],
  timelyFilingDays: 365,
};

/** Medicare-like primary: no copay, 20% coinsurance, one-year filing limit, strict modifier rules. */
export const SANDBOX_MEDICARE: SandboxPlan = {
  ...SANDBOX_COMMERCIAL,
  payerId: 'SBXMCR03',
  name: 'SANDBOX MEDICARE ADVANTAGE',
  claimFilingIndicator: 'MB',
  originatorId: '1999999993',
  feeSchedule: Object.fromEntries(Object.entries(PROFESSIONAL_FEES).map(([k, v]) => [k, Math.floor((v * 8) / 10)])),
  copayCodes: [],
  timelyFilingDays: 365,
  promptPayDays: 30,
};

export const SANDBOX_PLANS: readonly SandboxPlan[] = [SANDBOX_COMMERCIAL, SANDBOX_SECONDARY, SANDBOX_MEDICARE];

/**
 * The plan as the rest of the system's payer profile (schemas/payer-profile.ts), so that the claim
 * scrubber and the denial classifier apply the same filing limits, appeal deadlines and
 * authorization list the sandbox adjudicates with, and patient estimates read its fee schedule. Revenue
 * codes are left out of the authorization list and the allowed amounts (the contract holds CPT/HCPCS codes only).
 */
export function payerProfileOf(plan: SandboxPlan, claimType: PayerProfile['claimType']): PayerProfile {
  const first = plan.appealLevels[0];
  return {
    payerId: plan.payerId,
    name: plan.name,
    claimType,
    timelyFilingDays: plan.timelyFilingDays,
    correctedClaimWindowDays: plan.correctedClaimWindowDays,
    appealDeadlineDays: first?.deadlineDays ?? plan.timelyFilingDays,
    appealLevels: plan.appealLevels.map((l) => ({ ...l })),
    authorizationRequiredCodes: plan.authorizationRequiredCodes.filter((c) => /^[0-9A-Z]{5}$/.test(c)),
    allowedAmounts: Object.fromEntries(Object.entries(plan.feeSchedule).filter(([code]) => /^[0-9A-Z]{5}$/.test(code))),
  };
}

/** Finds a plan by payer id. */
export function planFor(payerId: string, plans: readonly SandboxPlan[] = SANDBOX_PLANS): SandboxPlan | undefined {
  return plans.find((p) => p.payerId === payerId);
}

/**
 * Member templates chosen by the member id's prefix (the letters before the first digit or dash).
 * A member that is not in the member list is synthesized from this table, so a test or the demo picks a
 * scenario by choosing a member id. `NF` (not found) members are never synthesized.
 */
export interface MemberTemplate {
  prefix: string;
  description: string;
  costShare: CostShare;
  deductibleMetCents: number;
  outOfPocketMetCents: number;
  terminationDate?: string;
  otherCoveragePrimary?: boolean;
  authorizations?: IssuedAuthorization[];
}

const STANDARD: CostShare = { deductibleCents: 50000, coinsuranceBps: 2000, copayCents: 2500, outOfPocketMaxCents: 300000 };

export const MEMBER_TEMPLATES: readonly MemberTemplate[] = [
  {
    prefix: 'FULL',
    description: 'no patient share: paid at the allowed amount',
    costShare: { deductibleCents: 0, coinsuranceBps: 0, copayCents: 0, outOfPocketMaxCents: 0 },
    deductibleMetCents: 0,
    outOfPocketMetCents: 0,
  },
  {
    prefix: 'DED',
    description: 'deductible 1000.00 not yet met, 20% coinsurance',
    costShare: { deductibleCents: 100000, coinsuranceBps: 2000, copayCents: 0, outOfPocketMaxCents: 500000 },
    deductibleMetCents: 0,
    outOfPocketMetCents: 0,
  },
  {
    prefix: 'COPAY',
    description: 'deductible met, 25.00 copay on visits, 10% coinsurance',
    costShare: { deductibleCents: 50000, coinsuranceBps: 1000, copayCents: 2500, outOfPocketMaxCents: 300000 },
    deductibleMetCents: 50000,
    outOfPocketMetCents: 50000,
  },
  {
    prefix: 'OOP',
    description: 'out-of-pocket maximum all but met: 10.00 left',
    costShare: STANDARD,
    deductibleMetCents: 50000,
    outOfPocketMetCents: 299000,
  },
  {
    prefix: 'TERM',
    description: 'coverage terminated 2020-12-31 (CO-27)',
    costShare: STANDARD,
    deductibleMetCents: 0,
    outOfPocketMetCents: 0,
    terminationDate: '2020-12-31',
  },
  {
    prefix: 'COB',
    description: 'another payer is primary (CO-22 at this payer as primary)',
    costShare: STANDARD,
    deductibleMetCents: 0,
    outOfPocketMetCents: 0,
    otherCoveragePrimary: true,
  },
  {
    prefix: 'AUTH',
    description: 'standard plan; the payer keeps issued authorizations: AUTH-OK covers the auth codes for 2025-2026, one unit per line',
    costShare: STANDARD,
    deductibleMetCents: 50000,
    outOfPocketMetCents: 50000,
    authorizations: [
      {
        number: 'AUTH-OK',
        codes: ['72148', '70553', '27447', '29881', '0360'],
        validFrom: '2025-01-01',
        validThrough: '2026-12-31',
        approvedUnits: 1,
      },
    ],
  },
  {
    prefix: 'SEC',
    description: 'secondary coverage: no own deductible, 0% coinsurance',
    costShare: { deductibleCents: 0, coinsuranceBps: 0, copayCents: 0, outOfPocketMaxCents: 0 },
    deductibleMetCents: 0,
    outOfPocketMetCents: 0,
  },
];

/** Members whose id starts with these prefixes are unknown to the payer (277CA A3 rejection). */
export const UNKNOWN_MEMBER_PREFIXES: readonly string[] = ['NF'];

export const DEFAULT_TEMPLATE: MemberTemplate = {
  prefix: '',
  description: 'standard plan: deductible 500.00 with 200.00 met, 20% coinsurance, 25.00 visit copay, OOP max 3000.00',
  costShare: STANDARD,
  deductibleMetCents: 20000,
  outOfPocketMetCents: 40000,
};

/** The letters before the first digit or dash, upper-cased. */
export function memberPrefix(memberId: string): string {
  const m = /^[A-Za-z]+/.exec(memberId);
  return m ? m[0].toUpperCase() : '';
}

/**
 * The member record for (payer, member id): from `known` when listed there, else synthesized from
 * the prefix table; `undefined` for an unknown member.
 */
export function memberFor(
  payerId: string,
  memberId: string,
  known: Readonly<Record<string, SandboxMember>> = {},
): SandboxMember | undefined {
  const listed = known[memberKey(payerId, memberId)];
  if (listed) return listed;
  const prefix = memberPrefix(memberId);
  if (UNKNOWN_MEMBER_PREFIXES.some((p) => prefix.startsWith(p))) return undefined;
  const t = MEMBER_TEMPLATES.find((x) => prefix.startsWith(x.prefix)) ?? DEFAULT_TEMPLATE;
  const member: SandboxMember = {
    memberId,
    payerId,
    priority: t.prefix === 'SEC' ? 'secondary' : 'primary',
    effectiveDate: '2000-01-01',
    costShare: { ...t.costShare },
    accumulators: { deductibleMetCents: t.deductibleMetCents, outOfPocketMetCents: t.outOfPocketMetCents },
  };
  if (t.terminationDate) member.terminationDate = t.terminationDate;
  if (t.otherCoveragePrimary) member.otherCoveragePrimary = true;
  if (t.authorizations) member.authorizations = t.authorizations.map((a) => ({ ...a, codes: [...a.codes] }));
  return member;
}

export function memberKey(payerId: string, memberId: string): string {
  return `${payerId}|${memberId}`;
}
