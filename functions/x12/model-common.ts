/** Model shapes shared by several transaction sets; property names come from definitions/common.ts. */

export interface Name {
  entityCode?: string;
  entityType: '1' | '2' | string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  prefix?: string;
  suffix?: string;
  idQualifier?: string;
  id?: string;
  relationshipCode?: string;
  entityIdentifierCode?: string;
}

export interface Address {
  line1: string;
  line2?: string;
}

export interface CityStateZip {
  city: string;
  state?: string;
  postalCode?: string;
  countryCode?: string;
  locationQualifier?: string;
  locationId?: string;
  countrySubdivision?: string;
}

export interface Reference {
  qualifier: string;
  value?: string;
  description?: string;
  additional?: { qualifier: string; value: string };
}
export interface DateReference {
  qualifier: string;
  date?: string;
  time?: string;
}
export interface DatePeriod {
  qualifier: string;
  format: 'D8' | 'RD8' | 'DT' | string;
  value: string;
}
export interface Contact {
  functionCode: string;
  name?: string;
  numbers?: { qualifier: string; number: string }[];
}
export interface Amount {
  qualifier: string;
  amountCents: number;
  creditDebitFlag?: string;
}
export interface Quantity {
  qualifier: string;
  quantity: string;
}

export interface Adjustment {
  reasonCode: string;
  amountCents: number;
  quantity?: string;
}
export interface AdjustmentGroup {
  groupCode: 'CO' | 'CR' | 'OA' | 'PI' | 'PR' | string;
  adjustments: Adjustment[];
}

export interface Procedure {
  qualifier: string;
  code: string;
  modifier1?: string;
  modifier2?: string;
  modifier3?: string;
  modifier4?: string;
  description?: string;
  productId?: string;
}

export interface ProviderInfo {
  providerCode: string;
  referenceQualifier: string;
  taxonomyCode: string;
}
export interface Demographics {
  format: 'D8' | string;
  dateOfBirth?: string;
  gender?: 'F' | 'M' | 'U' | string;
}
export interface Trace {
  traceType: string;
  traceNumber: string;
  originatorId?: string;
  originatorSupplementalId?: string;
}

/** A named party with its address: the common NM1/N3/N4/REF/PER loop body. */
export interface Party extends Name {
  address?: Address;
  city?: CityStateZip;
  references?: Reference[];
  contacts?: Contact[];
  provider?: ProviderInfo;
}
