/** Fixture models used by `rcm x12 example` and the tests: fictional people, organisations and ids. */
import type { InterchangeParties } from './interchange-writer.ts';
import type { ClaimDocument837 } from './types837.ts';
import type { ModelObject } from './reader.ts';

export const EXAMPLE_PARTIES: InterchangeParties = {
  senderQualifier: 'ZZ',
  senderId: 'RCMSUBMITTER',
  receiverQualifier: 'ZZ',
  receiverId: 'SANDBOXPAYER',
  date: '20260105',
  time: '0930',
  usageIndicator: 'T',
  acknowledgmentRequested: '1',
};

const submitter = {
  entityType: '2',
  lastName: 'EXAMPLE HOSPITAL BILLING',
  idQualifier: '46',
  id: 'SUB12345',
  contacts: [{ functionCode: 'IC', name: 'BILLING OFFICE', numbers: [{ qualifier: 'TE', number: '5555550100' }] }],
};
const receiver = { entityType: '2', lastName: 'SANDBOX HEALTH PLAN', idQualifier: '46', id: 'PAYER001' };
const billingProvider = {
  entityType: '2',
  lastName: 'EXAMPLE GENERAL HOSPITAL',
  idQualifier: 'XX',
  id: '1234567893',
  address: { line1: '100 MAIN STREET' },
  city: { city: 'SPRINGFIELD', state: 'IL', postalCode: '627010001' },
  references: [{ qualifier: 'EI', value: '371234567' }],
};
const payer = { entityType: '2', lastName: 'SANDBOX HEALTH PLAN', idQualifier: 'PI', id: 'PAYER001' };
const subscriber = {
  entityType: '1',
  lastName: 'DOE',
  firstName: 'JANE',
  idQualifier: 'MI',
  id: 'MEMBER0001',
  address: { line1: '1 ELM STREET' },
  city: { city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
  demographics: { format: 'D8', dateOfBirth: '19800101', gender: 'F' },
};

/** A professional claim: subscriber is the patient, two lines, a prior authorization. */
export const EXAMPLE_837P: ClaimDocument837 = {
  beginning: { purposeCode: '00', referenceId: 'BATCH0001', date: '20260105', time: '0930', transactionTypeCode: 'CH' },
  submitter,
  receiver,
  billingProviders: [
    {
      provider: { providerCode: 'BI', referenceQualifier: 'PXC', taxonomyCode: '282N00000X' },
      billingProvider,
      subscribers: [
        {
          insurance: { payerResponsibility: 'P', relationshipCode: '18', groupNumber: 'GRP001', claimFilingIndicator: 'CI' },
          subscriber,
          payer,
          claims: [
            {
              patientControlNumber: 'PCN0001',
              totalChargeCents: 25000,
              facility: { placeOfService: '11', qualifier: 'B', frequencyCode: '1' },
              providerSignature: 'Y',
              assignmentParticipation: 'A',
              benefitsAssignment: 'Y',
              releaseOfInformation: 'Y',
              references: [{ qualifier: 'G1', value: 'AUTH12345' }],
              healthCareCodes: [{ codes: [{ code: { qualifier: 'ABK', code: 'J069' } }, { code: { qualifier: 'ABF', code: 'R509' } }] }],
              serviceLines: [
                {
                  professional: {
                    procedure: { qualifier: 'HC', code: '99213', modifier1: '25' },
                    chargeCents: 15000,
                    unitBasis: 'UN',
                    quantity: '1',
                    diagnosisPointers: { pointer1: 1, pointer2: 2 },
                  },
                  dates: [{ qualifier: '472', format: 'D8', value: '20260102' }],
                },
                {
                  professional: {
                    procedure: { qualifier: 'HC', code: '87880' },
                    chargeCents: 10000,
                    unitBasis: 'UN',
                    quantity: '1',
                    diagnosisPointers: { pointer1: 1 },
                  },
                  dates: [{ qualifier: '472', format: 'D8', value: '20260102' }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** An institutional outpatient claim, corrected (frequency 7, REF*F8), secondary to a primary payer. */
export const EXAMPLE_837I: ClaimDocument837 = {
  beginning: { purposeCode: '00', referenceId: 'BATCH0002', date: '20260105', time: '0930', transactionTypeCode: 'CH' },
  submitter,
  receiver,
  billingProviders: [
    {
      billingProvider,
      subscribers: [
        {
          insurance: { payerResponsibility: 'S', relationshipCode: '18', claimFilingIndicator: 'CI' },
          subscriber,
          payer,
          claims: [
            {
              patientControlNumber: 'PCN0002',
              totalChargeCents: 123456,
              facility: { facilityTypeCode: '13', qualifier: 'A', frequencyCode: '7' },
              assignmentParticipation: 'A',
              benefitsAssignment: 'Y',
              releaseOfInformation: 'Y',
              dates: [{ qualifier: '434', format: 'RD8', value: '20251201-20251201' }],
              institutional: { admissionTypeCode: '3', admissionSourceCode: '1', patientStatusCode: '01' },
              references: [{ qualifier: 'F8', value: 'PAYERICN0001' }],
              healthCareCodes: [
                { codes: [{ code: { qualifier: 'ABK', code: 'M5416' } }] },
                { codes: [{ code: { qualifier: 'BE', code: 'A1', amountCents: 5000 } }] },
              ],
              providers: [{ entityCode: '71', entityType: '1', lastName: 'SMITH', firstName: 'ALEX', idQualifier: 'XX', id: '1999999984' }],
              otherSubscribers: [
                {
                  payerResponsibility: 'P',
                  relationshipCode: '18',
                  claimFilingIndicator: 'CI',
                  adjustments: [
                    { groupCode: 'CO', adjustments: [{ reasonCode: '45', amountCents: 23456 }] },
                    {
                      groupCode: 'PR',
                      adjustments: [
                        { reasonCode: '1', amountCents: 10000 },
                        { reasonCode: '2', amountCents: 5000 },
                      ],
                    },
                  ],
                  amounts: [{ qualifier: 'D', amountCents: 85000 }],
                  otherInsurance: { benefitsAssignment: 'Y', releaseOfInformation: 'Y' },
                  subscriber: { entityType: '1', lastName: 'DOE', firstName: 'JANE', idQualifier: 'MI', id: 'PRIMARY0001' },
                  payer: {
                    entityType: '2',
                    lastName: 'PRIMARY MUTUAL',
                    idQualifier: 'PI',
                    id: 'PRIM001',
                    dates: [{ qualifier: '573', format: 'D8', value: '20251215' }],
                  },
                },
              ],
              serviceLines: [
                {
                  institutional: {
                    revenueCode: '0450',
                    procedure: { qualifier: 'HC', code: '99284' },
                    chargeCents: 100000,
                    unitBasis: 'UN',
                    quantity: '1',
                  },
                  dates: [{ qualifier: '472', format: 'D8', value: '20251201' }],
                },
                {
                  institutional: { revenueCode: '0300', chargeCents: 23456, unitBasis: 'UN', quantity: '2' },
                  dates: [{ qualifier: '472', format: 'D8', value: '20251201' }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** A 270 eligibility inquiry for health benefit plan coverage (service type 30). */
export const EXAMPLE_270: ModelObject = {
  beginning: { purposeCode: '13', referenceId: 'ELIG0001', date: '20260105', time: '0930', transactionTypeCode: 'RT' },
  sources: [
    {
      source: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX HEALTH PLAN', idQualifier: 'PI', id: 'PAYER001' },
      receivers: [
        {
          receiver: { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' },
          subscribers: [
            {
              traces: [{ traceType: '1', traceNumber: 'TRACE0001', originatorId: '9123456789' }],
              member: {
                entityType: '1',
                lastName: 'DOE',
                firstName: 'JANE',
                idQualifier: 'MI',
                id: 'MEMBER0001',
                demographics: { format: 'D8', dateOfBirth: '19800101' },
                dates: [{ qualifier: '291', format: 'D8', value: '20260105' }],
                inquiries: [{ serviceTypes: ['30'] }],
              },
            },
          ],
        },
      ],
    },
  ],
};

/** A 276 claim status request for one claim. */
export const EXAMPLE_276: ModelObject = {
  beginning: { purposeCode: '13', referenceId: 'STAT0001', date: '20260105', time: '0930' },
  sources: [
    {
      name: { entityType: '2', lastName: 'SANDBOX HEALTH PLAN', idQualifier: 'PI', id: 'PAYER001', entityCode: 'PR' },
      receivers: [
        {
          name: { entityCode: '41', entityType: '2', lastName: 'EXAMPLE HOSPITAL BILLING', idQualifier: '46', id: 'SUB12345' },
          providers: [
            {
              // 2100C repeats up to twice in X212: the model holds a list.
              name: [{ entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' }],
              subscribers: [
                {
                  levelCode: '22',
                  demographics: { format: 'D8', dateOfBirth: '19800101', gender: 'F' },
                  name: { entityCode: 'IL', entityType: '1', lastName: 'DOE', firstName: 'JANE', idQualifier: 'MI', id: 'MEMBER0001' },
                  claims: [
                    {
                      traceType: '1',
                      traceNumber: 'PCN0001',
                      references: [{ qualifier: '1K', value: 'PAYERICN0001' }],
                      amounts: [{ qualifier: 'T3', amountCents: 25000 }],
                      dates: [{ qualifier: '472', format: 'RD8', value: '20260102-20260102' }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const umoName = { entityType: '2', lastName: 'SANDBOX HEALTH PLAN', idQualifier: 'PI', id: 'PAYER001' };
const requesterName = { entityCode: '1P', entityType: '2', lastName: 'EXAMPLE GENERAL HOSPITAL', idQualifier: 'XX', id: '1234567893' };
const reviewMember = { entityType: '1', lastName: 'DOE', firstName: 'JANE', idQualifier: 'MI', id: 'MEMBER0001' };

/** A 278 request: twelve physical therapy visits (97110) for a patient who is the subscriber. */
export const EXAMPLE_278_REQUEST: ModelObject = {
  beginning: { purposeCode: '13', referenceId: 'AUTHREQ0001', date: '20260105', time: '0930' },
  umo: {
    name: umoName,
    requester: {
      name: requesterName,
      subscriber: {
        member: { ...reviewMember, demographics: { format: 'D8', dateOfBirth: '19800101', gender: 'F' } },
        event: {
          traces: [{ traceType: '1', traceNumber: 'AUTHREQ0001', originatorId: '1371234567' }],
          review: { requestCategory: 'HS', certificationType: 'I', serviceType: 'AE', facility: { code: '11', qualifier: 'B' } },
          dates: [{ qualifier: 'AAH', format: 'RD8', value: '20260110-20260409' }],
          diagnoses: { code1: { qualifier: 'ABK', code: 'M545' } },
          services: [
            {
              review: { requestCategory: 'HS', certificationType: 'I', serviceType: 'AE' },
              dates: [{ qualifier: '472', format: 'RD8', value: '20260110-20260409' }],
              professional: { procedure: { qualifier: 'HC', code: '97110' }, unitBasis: 'UN', quantity: '12' },
            },
          ],
        },
      },
    },
  },
};

/** The payer's 278 response: eight of the twelve visits certified (partial), with the authorization number and its span. */
export const EXAMPLE_278_RESPONSE: ModelObject = {
  beginning: { purposeCode: '11', referenceId: 'AUTHREQ0001', date: '20260105', time: '0931' },
  umo: {
    name: umoName,
    requester: {
      name: requesterName,
      subscriber: {
        member: reviewMember,
        event: {
          traces: [{ traceType: '2', traceNumber: 'AUTHREQ0001', originatorId: '1371234567' }],
          review: { requestCategory: 'HS', certificationType: 'I', serviceType: 'AE' },
          decision: { actionCode: 'A2', reviewNumber: 'AUTH000123' },
          dates: [
            { qualifier: '102', format: 'D8', value: '20260105' },
            { qualifier: '007', format: 'D8', value: '20260110' },
            { qualifier: '036', format: 'D8', value: '20260409' },
          ],
          services: [
            {
              review: { requestCategory: 'HS', serviceType: 'AE' },
              decision: { actionCode: 'A2', reviewNumber: 'AUTH000123' },
              dates: [{ qualifier: '472', format: 'RD8', value: '20260110-20260409' }],
              professional: { procedure: { qualifier: 'HC', code: '97110' }, unitBasis: 'UN', quantity: '8' },
            },
          ],
        },
      },
    },
  },
};
