/**
 * Builds 837P/837I models of sandbox claims for the X12 engine's writer: used by the sandbox file generator
 * (`rcm sandbox files`) and the tests. Every person and organization here is fictional.
 */
import type { Claim837, ClaimDocument837, Subscriber837 } from '#functions/x12/index.ts';
import type { SandboxClaim } from './types.ts';

const ymd = (d: string): string => d.replaceAll('-', '');

function institutionalClaim837(c: SandboxClaim): Claim837 {
  const dates = c.lines.map((l) => l.serviceDate).sort();
  const from = ymd(dates[0] ?? '2026-01-01');
  const through = ymd(dates[dates.length - 1] ?? '2026-01-01');
  const out: Claim837 = {
    patientControlNumber: c.patientControlNumber,
    totalChargeCents: c.totalChargeCents,
    facility: { facilityTypeCode: c.facilityCode ?? '13', qualifier: 'A', frequencyCode: c.frequencyCode },
    assignmentParticipation: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    dates: [{ qualifier: '434', format: 'RD8', value: `${from}-${through}` }],
    institutional: { admissionTypeCode: '3', admissionSourceCode: '1', patientStatusCode: '01' },
    serviceLines: c.lines.map((l) => {
      const [m1, m2, m3, m4] = l.modifiers;
      const revenueCode = l.revenueCode ?? '0300';
      const procedure = l.procedureCode
        ? {
            procedure: {
              qualifier: 'HC',
              code: l.procedureCode,
              ...(m1 ? { modifier1: m1 } : {}),
              ...(m2 ? { modifier2: m2 } : {}),
              ...(m3 ? { modifier3: m3 } : {}),
              ...(m4 ? { modifier4: m4 } : {}),
            },
          }
        : {};
      return {
        institutional: {
          revenueCode,
          ...procedure,
          chargeCents: l.chargeCents,
          unitBasis: 'UN',
          quantity: l.units,
        },
        dates: [{ qualifier: '472', format: 'D8', value: ymd(l.serviceDate) }],
        // 837I SVD: the revenue code (SVD04) always, the procedure (SVD03) when the line has one.
        ...lineAdjudication(c, l.lineNumber, l.procedureCode, l.units, revenueCode),
      };
    }),
  };
  if (c.diagnoses.length)
    out.healthCareCodes = [
      { codes: [{ code: { qualifier: 'ABK', code: c.diagnoses[0] as string } }] },
      ...(c.diagnoses.length > 1 ? [{ codes: c.diagnoses.slice(1, 13).map((code) => ({ code: { qualifier: 'ABF', code } })) }] : []),
    ];
  out.providers = [
    {
      entityCode: '71',
      entityType: '1',
      lastName: 'ATTEND',
      firstName: 'ALEX',
      idQualifier: 'XX',
      id: c.renderingProviderNpi ?? '1999999984',
    },
  ];
  return withCommon(out, c, false);
}

/** REF F8/G1, NTE, rendering provider and the prior payer (2320), shared by 837P and 837I. */
function withCommon(out: Claim837, c: SandboxClaim, professional: boolean): Claim837 {
  const refs = [];
  if (c.originalPayerClaimNumber) refs.push({ qualifier: 'F8', value: c.originalPayerClaimNumber });
  if (c.authorizationNumber) refs.push({ qualifier: 'G1', value: c.authorizationNumber });
  if (refs.length) out.references = refs;
  if (c.notes.length) out.notes = c.notes.map((text) => ({ referenceCode: 'ADD', text }));
  if (professional && c.renderingProviderNpi)
    out.providers = [
      { entityCode: '82', entityType: '1', lastName: 'RENDER', firstName: 'RITA', idQualifier: 'XX', id: c.renderingProviderNpi },
    ];
  if (c.priorPayer) {
    out.otherSubscribers = [
      {
        payerResponsibility: 'P',
        relationshipCode: '18',
        claimFilingIndicator: 'CI',
        amounts: [{ qualifier: 'D', amountCents: c.priorPayer.paidCents }],
        otherInsurance: { benefitsAssignment: 'Y', releaseOfInformation: 'Y' },
        subscriber: {
          entityType: '1',
          lastName: c.patient?.lastName ?? 'DOE',
          firstName: c.patient?.firstName ?? 'JAN',
          idQualifier: 'MI',
          id: c.memberId,
        },
        payer: { entityType: '2', lastName: 'PRIMARY PAYER', idQualifier: 'PI', id: c.priorPayer.payerId },
      },
    ];
  }
  return out;
}

function claim837(c: SandboxClaim): Claim837 {
  if (c.claimType === '837I') return institutionalClaim837(c);
  const out: Claim837 = {
    patientControlNumber: c.patientControlNumber,
    totalChargeCents: c.totalChargeCents,
    facility: { placeOfService: c.facilityCode ?? '11', qualifier: 'B', frequencyCode: c.frequencyCode },
    providerSignature: 'Y',
    assignmentParticipation: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    serviceLines: c.lines.map((l) => {
      const [m1, m2, m3, m4] = l.modifiers;
      return {
        professional: {
          procedure: {
            qualifier: 'HC',
            code: l.procedureCode ?? '99213',
            ...(m1 ? { modifier1: m1 } : {}),
            ...(m2 ? { modifier2: m2 } : {}),
            ...(m3 ? { modifier3: m3 } : {}),
            ...(m4 ? { modifier4: m4 } : {}),
          },
          chargeCents: l.chargeCents,
          unitBasis: 'UN',
          quantity: l.units,
          diagnosisPointers: { pointer1: 1 },
        },
        dates: [{ qualifier: '472', format: 'D8', value: ymd(l.serviceDate) }],
        ...lineAdjudication(c, l.lineNumber, l.procedureCode ?? '99213', l.units),
      };
    }),
  };
  if (c.diagnoses.length)
    out.healthCareCodes = [{ codes: c.diagnoses.slice(0, 12).map((code, i) => ({ code: { qualifier: i === 0 ? 'ABK' : 'ABF', code } })) }];
  return withCommon(out, c, true);
}

/** 2430 line adjudication by the prior payer, for a secondary claim. */
function lineAdjudication(
  c: SandboxClaim,
  lineNumber: number,
  code: string | undefined,
  units: string,
  revenueCode?: string,
): { adjudications?: NonNullable<Claim837['serviceLines'][number]['adjudications']> } {
  const prior = c.priorPayer?.lines.find((l) => l.lineNumber === lineNumber);
  if (!c.priorPayer || !prior) return {};
  const adjustments = prior.adjustments
    .filter((g) => g.adjustments.length > 0)
    .flatMap((g) => {
      const chunks = [];
      for (let i = 0; i < g.adjustments.length; i += 6) chunks.push({ groupCode: g.groupCode, adjustments: g.adjustments.slice(i, i + 6) });
      return chunks;
    });
  return {
    adjudications: [
      {
        otherPayerId: c.priorPayer.payerId,
        paidCents: prior.paidCents,
        ...(code !== undefined ? { procedure: { qualifier: 'HC', code } } : {}),
        ...(revenueCode !== undefined ? { revenueCode } : {}),
        paidUnits: units,
        ...(adjustments.length ? { adjustments } : {}),
        dates: [{ qualifier: '573', format: 'D8', value: ymd(c.priorPayer.adjudicatedDate ?? '2026-01-01') }],
      },
    ],
  };
}

/** An 837 document (P or I, by the claims' type: do not mix them) holding the claims of one billing provider, one subscriber (the patient) per claim. */
export function document837(claims: readonly SandboxClaim[], batchId = 'BATCH0001', date = '2026-01-15'): ClaimDocument837 {
  const first = claims[0];
  const subscribers: Subscriber837[] = claims.map((c) => ({
    insurance: { payerResponsibility: c.priorPayer ? 'S' : 'P', relationshipCode: '18', claimFilingIndicator: 'CI' },
    subscriber: {
      entityType: '1',
      lastName: c.patient?.lastName ?? 'DOE',
      firstName: c.patient?.firstName ?? 'JAN',
      idQualifier: 'MI',
      id: c.memberId,
      demographics: { format: 'D8', dateOfBirth: '19800101', gender: 'F' },
    },
    payer: { entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: c.payerId },
    claims: [claim837(c)],
  }));
  return {
    beginning: { purposeCode: '00', referenceId: batchId, date: ymd(date), time: '0930', transactionTypeCode: 'CH' },
    submitter: {
      entityType: '2',
      lastName: 'EXAMPLE HOSPITAL BILLING',
      idQualifier: '46',
      id: 'SUB12345',
      contacts: [{ functionCode: 'IC', name: 'BILLING OFFICE', numbers: [{ qualifier: 'TE', number: '5555550100' }] }],
    },
    receiver: { entityType: '2', lastName: 'SANDBOX CLEARINGHOUSE', idQualifier: '46', id: 'SANDBOXPAYER' },
    billingProviders: [
      {
        provider: { providerCode: 'BI', referenceQualifier: 'PXC', taxonomyCode: '282N00000X' },
        billingProvider: {
          entityType: '2',
          lastName: first?.billingProviderName ?? 'EXAMPLE GENERAL HOSPITAL',
          idQualifier: 'XX',
          id: first?.billingProviderNpi ?? '1234567893',
          address: { line1: '100 MAIN STREET' },
          city: { city: 'SPRINGFIELD', state: 'IL', postalCode: '627010001' },
          references: [{ qualifier: 'EI', value: '371234567' }],
        },
        subscribers,
      },
    ],
  };
}
