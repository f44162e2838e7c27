/**
 * Element-level pieces the 837 loops share: NM1 names, addresses and provider parties, SBR codes,
 * procedure modifiers and CAS segments. Pure.
 */
import type { AdjustmentGroup, Party } from '#functions/x12/index.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { Provider } from '#schemas/provider.ts';
import { providerName, quantity, x12Text } from './common.ts';

/** SBR02/PAT01 individual relationship code of the patient to the subscriber. */
export const RELATIONSHIP_SBR: Readonly<Record<Coverage['relationshipToSubscriber'], string>> = {
  self: '18',
  spouse: '01',
  child: '19',
  other: 'G8',
};
/** SBR01 payer responsibility sequence. */
export const RESPONSIBILITY: Readonly<Record<Coverage['priority'], 'P' | 'S' | 'T'>> = { primary: 'P', secondary: 'S', tertiary: 'T' };

/** N3/N4 of an address. */
export function addressOf(a: Patient['address']): Pick<Party, 'address' | 'city'> {
  const address: NonNullable<Party['address']> = { line1: x12Text(a.line1, 55) };
  if (a.line2 && x12Text(a.line2, 55)) address.line2 = x12Text(a.line2, 55);
  return { address, city: { city: x12Text(a.city, 30), state: a.state, postalCode: a.postalCode } };
}

/** SV101/SV202/SVD03 procedure modifiers: up to four, only those present. */
export function modifiers(list: readonly string[]): { modifier1?: string; modifier2?: string; modifier3?: string; modifier4?: string } {
  const [m1, m2, m3, m4] = list;
  return {
    ...(m1 ? { modifier1: m1 } : {}),
    ...(m2 ? { modifier2: m2 } : {}),
    ...(m3 ? { modifier3: m3 } : {}),
    ...(m4 ? { modifier4: m4 } : {}),
  };
}

/** CAS segments from adjustments: grouped by group code in first-seen order, at most six per segment. */
export function casSegments(adjustments: readonly Adjustment[]): AdjustmentGroup[] {
  const byGroup = new Map<string, Adjustment[]>();
  for (const a of adjustments) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  const out: AdjustmentGroup[] = [];
  for (const [groupCode, list] of byGroup) {
    for (let i = 0; i < list.length; i += 6) {
      out.push({
        groupCode,
        adjustments: list.slice(i, i + 6).map((a) => {
          const q = a.quantity !== undefined ? quantity(a.quantity) : undefined;
          return q
            ? { reasonCode: a.reasonCode, amountCents: a.amountCents, quantity: q }
            : { reasonCode: a.reasonCode, amountCents: a.amountCents };
        }),
      });
    }
  }
  return out;
}

/** A 2310 provider (NM1 with NPI, PRV with taxonomy). */
export function providerParty(entityCode: string, p: Provider, providerCode: string): Party {
  return {
    entityCode,
    ...providerName(p),
    idQualifier: 'XX',
    id: p.npi,
    provider: { providerCode, referenceQualifier: 'PXC', taxonomyCode: p.taxonomyCode },
  };
}
