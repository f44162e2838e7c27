/** Formats of the code sets a claim carries. Membership in the code sets is the scrubber's job. */
import { z } from 'zod';

/** CPT Category I (5 digits), Category II (4 digits + F), Category III (4 digits + T) or HCPCS Level II (letter + 4 digits). */
export const procedureCode = z.string().regex(/^(\d{5}|\d{4}[FT]|[A-V]\d{4})$/, 'CPT or HCPCS code: five characters');

/** A CPT/HCPCS modifier: two letters or digits (e.g. 25, 59, LT, XS). */
export const procedureModifier = z.string().regex(/^[0-9A-Z]{2}$/, 'modifier is two letters or digits');

/** ICD-10-CM code, with or without the decimal point (structure is checked by the scrubber). */
export const icd10CmCode = z.string().regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'ICD-10-CM code');

/** CMS place-of-service code, two digits. */
export const placeOfServiceCode = z.string().regex(/^\d{2}$/, 'place of service is two digits');

/** UB-04 revenue code, four digits (leading zero), e.g. 0450. */
export const revenueCode = z.string().regex(/^\d{4}$/, 'revenue code is four digits');

/** A diagnosis pointer: 1-based index into the claim's diagnosis list (837P allows 12 diagnoses). */
export const diagnosisPointer = z.number().int().min(1).max(12);

/** A diagnosis as billed: the ICD-10-CM code in order of importance (first is principal/primary). */
export const diagnosisSchema = z.object({
  code: icd10CmCode,
  /** Present on admission indicator for institutional claims (Y, N, U, W; 1 exempt, sent as no indicator). */
  presentOnAdmission: z.enum(['Y', 'N', 'U', 'W', '1']).optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
