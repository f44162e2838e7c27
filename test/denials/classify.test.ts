import { describe, expect, it } from 'vitest';
import {
  carcCatalog,
  classify,
  groupCodes,
  rarcCatalog,
  type ClaimContext,
  type DenialCategory,
  type RecommendedAction,
} from '#functions/denials/index.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import { denialClassificationSchema } from '#schemas/denial-classification.ts';
import { payerProfile } from '#test/fixtures/accounts/builders.ts';

const profile = payerProfile(); // appeal 180 days (level 2: 60), corrected claims 60 days, filing 90 days
const ctx: ClaimContext = { claimId: 'CLM-1', remitDate: '2026-04-10', serviceDateFrom: '2026-03-02' };

/** "CO-45:5000" → a CAS adjustment. */
const cas = (...specs: string[]): Adjustment[] =>
  specs.map((s) => {
    const [gc, amount] = s.split(':');
    const [group, reasonCode] = (gc ?? '').split('-');
    return { group: group as Adjustment['group'], reasonCode: reasonCode ?? '', amountCents: Number(amount ?? '1000') };
  });

interface Row {
  readonly name: string;
  readonly cas: Adjustment[];
  readonly lq: string[];
  readonly category: DenialCategory;
  readonly action: RecommendedAction;
  readonly deadline: string | null;
  readonly evidence?: string;
  readonly context?: Partial<ClaimContext>;
}

const rows: Row[] = [
  {
    name: 'paid with deductible and coinsurance',
    cas: cas('CO-45:5000', 'PR-1:2000', 'PR-2:800'),
    lq: [],
    category: 'patient-responsibility',
    action: 'transfer-to-patient',
    deadline: null,
  },
  { name: 'paid at contract rate', cas: cas('CO-45:5000'), lq: [], category: 'contractual', action: 'post-adjustment', deadline: null },
  {
    name: 'Medicare sequestration plus copay',
    cas: cas('CO-45:4000', 'CO-253:120', 'PR-3:2500'),
    lq: ['MA13'],
    category: 'patient-responsibility',
    action: 'transfer-to-patient',
    deadline: null,
  },
  {
    name: 'secondary payer: prior payer impact and coinsurance',
    cas: cas('OA-23:9000', 'PR-2:700'),
    lq: [],
    category: 'patient-responsibility',
    action: 'transfer-to-patient',
    deadline: null,
  },
  {
    name: 'medical necessity under an LCD',
    cas: cas('CO-50:18500'),
    lq: ['N115'],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
    evidence: 'documentation that the LCD coverage criteria are met',
  },
  {
    name: 'medical necessity under an NCD',
    cas: cas('CO-50:18500'),
    lq: ['N386'],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
    evidence: 'letter of medical necessity from the treating physician',
  },
  {
    name: 'unprocessable: invalid procedure code, no appeal rights',
    cas: cas('CO-16:18500'),
    lq: ['MA130', 'M51'],
    category: 'correctable',
    action: 'submit-new-claim',
    deadline: '2026-05-31',
    evidence: 'valid procedure code',
  },
  {
    name: 'missing rendering provider NPI',
    cas: cas('CO-16:18500'),
    lq: ['N290'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
    evidence: 'rendering provider NPI',
  },
  {
    name: 'secondary billed without primary EOB',
    cas: cas('CO-16:9000'),
    lq: ['MA04'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
    evidence: 'primary payer’s remittance (835/EOB) attached to the secondary claim',
  },
  {
    name: 'bundled into another service',
    cas: cas('CO-97:4200'),
    lq: ['N20'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
    evidence: 'corrected modifier (59 or XE/XS/XP/XU) when it applies',
  },
  {
    name: 'NCCI procedure-to-procedure edit',
    cas: cas('CO-236:4200'),
    lq: ['M80'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  {
    name: 'modifier inconsistent with procedure',
    cas: cas('CO-4:18500'),
    lq: ['N657'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  {
    name: 'records requested and not received',
    cas: cas('CO-226:18500'),
    lq: [],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  {
    name: 'attachment required',
    cas: cas('CO-252:18500'),
    lq: [],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  { name: 'exact duplicate', cas: cas('CO-18:18500'), lq: [], category: 'duplicate', action: 'verify-original-claim', deadline: null },
  {
    name: 'duplicate of a crossover claim',
    cas: cas('OA-18:18500'),
    lq: ['N522'],
    category: 'duplicate',
    action: 'verify-original-claim',
    deadline: null,
  },
  {
    name: 'another payer is primary',
    cas: cas('CO-22:18500'),
    lq: [],
    category: 'coordination-of-benefits',
    action: 'bill-other-payer',
    deadline: null,
  },
  {
    name: 'wrong payer',
    cas: cas('OA-109:18500'),
    lq: [],
    category: 'coordination-of-benefits',
    action: 'bill-other-payer',
    deadline: null,
  },
  {
    name: 'coverage terminated',
    cas: cas('CO-27:18500'),
    lq: [],
    category: 'eligibility',
    action: 'verify-eligibility',
    deadline: null,
    evidence: 'eligibility response (271) for the date of service',
  },
  {
    name: 'member not identified, name mismatch',
    cas: cas('CO-31:18500'),
    lq: ['MA27'],
    category: 'eligibility',
    action: 'verify-eligibility',
    deadline: null,
    evidence: 'member id and name exactly as on the insurance card',
  },
  {
    name: 'missing-info denial that is really eligibility',
    cas: cas('CO-16:18500'),
    lq: ['N30'],
    category: 'eligibility',
    action: 'verify-eligibility',
    deadline: null,
  },
  {
    name: 'filed too late',
    cas: cas('CO-29:18500'),
    lq: [],
    category: 'timely-filing',
    action: 'appeal',
    deadline: '2026-10-07',
    evidence: 'clearinghouse acceptance (999/277CA) proving the original was filed on time',
  },
  {
    name: 'filed too late, not appealable',
    cas: cas('CO-29:18500'),
    lq: ['N211'],
    category: 'timely-filing',
    action: 'write-off',
    deadline: null,
  },
  {
    name: 'no authorization',
    cas: cas('CO-197:120000'),
    lq: ['N54'],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
    evidence: 'authorization number, or a retro-authorization request',
  },
  {
    name: 'authorization exceeded',
    cas: cas('CO-198:30000'),
    lq: ['N362'],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
  },
  {
    name: 'frequency not supported',
    cas: cas('CO-151:8000'),
    lq: ['N362'],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
  },
  { name: 'level of care changed', cas: cas('CO-186:250000'), lq: [], category: 'appealable', action: 'appeal', deadline: '2026-10-07' },
  {
    name: 'contractual plus an authorization denial',
    cas: cas('CO-45:2000', 'CO-197:8000'),
    lq: [],
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-10-07',
  },
  {
    name: 'non-covered, provider liable',
    cas: cas('CO-96:6000'),
    lq: ['N130'],
    category: 'non-covered',
    action: 'write-off',
    deadline: null,
  },
  {
    name: 'non-covered, patient signed a waiver',
    cas: cas('PR-96:6000'),
    lq: [],
    category: 'patient-responsibility',
    action: 'transfer-to-patient',
    deadline: null,
  },
  {
    name: 'benefit exclusion billed to the patient',
    cas: cas('PR-204:6000'),
    lq: [],
    category: 'patient-responsibility',
    action: 'transfer-to-patient',
    deadline: null,
  },
  {
    name: 'benefit maximum reached (provider liable)',
    cas: cas('CO-119:6000'),
    lq: [],
    category: 'non-covered',
    action: 'write-off',
    deadline: null,
  },
  { name: 'out of network', cas: cas('CO-242:6000'), lq: [], category: 'non-covered', action: 'write-off', deadline: null },
  {
    name: 'diagnosis invalid on the date of service',
    cas: cas('CO-146:6000'),
    lq: ['M76'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  {
    name: 'procedure code invalid on the date of service',
    cas: cas('CO-181:6000'),
    lq: ['N56'],
    category: 'correctable',
    action: 'correct-and-resubmit',
    deadline: '2026-06-09',
  },
  {
    name: 'second-level appeal after a lost reconsideration',
    cas: cas('CO-50:18500'),
    lq: [],
    context: { priorAppealLevel: 1, lastAppealDecisionDate: '2026-06-01' },
    category: 'appealable',
    action: 'appeal',
    deadline: '2026-07-31',
  },
  {
    name: 'every appeal level used',
    cas: cas('CO-50:18500'),
    lq: [],
    context: { priorAppealLevel: 2 },
    category: 'appealable',
    action: 'write-off',
    deadline: null,
  },
  {
    name: 'zero-amount CAS is ignored',
    cas: cas('CO-50:0', 'CO-45:3000'),
    lq: [],
    category: 'contractual',
    action: 'post-adjustment',
    deadline: null,
  },
];

describe('denial classification over realistic CAS/LQ combinations', () => {
  it.each(rows)('$name', (row) => {
    const result = classify(row.cas, row.lq, profile, { ...ctx, ...row.context });
    expect(result.category).toBe(row.category);
    expect(result.action).toBe(row.action);
    expect(result.deadline?.date ?? null).toBe(row.deadline);
    if (row.evidence) expect(result.evidence).toContain(row.evidence);
    expect(result.unknownCodes).toEqual([]);
    expect(result.claimId).toBe('CLM-1');
    expect(denialClassificationSchema.parse(result)).toEqual(result);
  });

  it('explains an appeal deadline: level, basis and the date it counts from', () => {
    const result = classify(cas('CO-50:18500'), ['N115'], profile, ctx);
    expect(result.deadline).toEqual({ date: '2026-10-07', days: 180, from: '2026-04-10', basis: 'appeal', appealLevel: 1 });
    expect(result.appealRights).toBe(true);
    expect(result.evidence).toContain('copy of the remittance advice showing the denial');
    expect(result.adjustments).toEqual([
      { group: 'CO', reasonCode: '50', amountCents: 18_500, category: 'appealable', description: carcCatalog.get('50')?.description },
    ]);
    expect(result.remarks.map((r) => r.code)).toEqual(['N115']);
  });

  it('follows the payer profile: a payer with a 30-day correction window gives 30 days', () => {
    const result = classify(cas('CO-16:100'), ['N290'], payerProfile({ correctedClaimWindowDays: 30 }), ctx);
    expect(result.deadline).toMatchObject({ date: '2026-05-10', basis: 'corrected-claim-window' });
  });

  it('sends codes it does not know to a person', () => {
    const result = classify(cas('CO-B7:5000'), ['N9999'], profile, ctx);
    expect(result.category).toBe('appealable');
    expect(result.unknownCodes).toEqual(['CARC B7', 'RARC N9999']);
  });
});

describe('CARC/RARC catalog', () => {
  const requiredCarcs = [
    '1',
    '2',
    '3',
    '4',
    '5',
    '11',
    '16',
    '18',
    '22',
    '23',
    '27',
    '29',
    '31',
    '45',
    '50',
    '96',
    '97',
    '109',
    '119',
    '146',
    '151',
    '167',
    '170',
    '181',
    '182',
    '185',
    '186',
    '197',
    '198',
    '204',
    '226',
    '227',
    '236',
    '242',
    '252',
    '253',
  ];
  const requiredRarcs = [
    'MA04',
    'MA13',
    'MA27',
    'MA61',
    'MA130',
    'N4',
    'N20',
    'N30',
    'N56',
    'N115',
    'N290',
    'N362',
    'N386',
    'N479',
    'N522',
  ];

  it.each(requiredCarcs)('covers CARC %s', (code) => {
    const entry = carcCatalog.get(code);
    expect(entry?.description.length).toBeGreaterThan(10);
  });
  it.each(requiredRarcs)('covers RARC %s', (code) => {
    expect(rarcCatalog.get(code)?.description.length).toBeGreaterThan(10);
  });
  it('knows what each group code means for billing the patient', () => {
    expect(
      Object.entries(groupCodes)
        .filter(([, g]) => g.patientMayBeBilled)
        .map(([code]) => code),
    ).toEqual(['PR']);
  });
  it('every appealable or correctable reason says what evidence to gather', () => {
    for (const entry of carcCatalog.values()) {
      if (
        entry.category === 'appealable' ||
        entry.category === 'correctable' ||
        entry.category === 'eligibility' ||
        entry.category === 'timely-filing'
      ) {
        expect(entry.evidence.length, `CARC ${entry.code}`).toBeGreaterThan(0);
      }
    }
  });
});
