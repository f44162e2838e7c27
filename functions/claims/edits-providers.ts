/** Edits on the billing, rendering and attending providers. */
import type { Provider } from '#schemas/provider.ts';
import { error, type Finding } from './findings.ts';
import { einProblem, isValidNpi } from './identifiers.ts';
import type { ScrubInput } from './scrub-input.ts';

const roles = [
  { role: 'billingProvider', field: 'billingProviderId', label: 'billing provider' },
  { role: 'renderingProvider', field: 'renderingProviderId', label: 'rendering provider' },
  { role: 'attendingProvider', field: 'attendingProviderId', label: 'attending provider' },
] as const;

/** NPI check digit, EIN format, and that each referenced provider is on file. */
export function providerEdits(input: ScrubInput): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map<string, Provider>(input.providers.map((p) => [p.providerId, p]));
  for (const { role, field, label } of roles) {
    const id = input.claim[field];
    if (!id) continue;
    const provider = byId.get(id);
    if (!provider) {
      findings.push(error('PROVIDER_NOT_FOUND', field, `The ${label} (${id}) is not in the provider file; add it before billing.`));
      continue;
    }
    if (!isValidNpi(provider.npi)) {
      findings.push(
        error(
          'NPI_CHECK_DIGIT',
          `${role}.npi`,
          `The ${label}'s NPI ${provider.npi} fails the check digit; it was probably mistyped. Verify it in NPPES.`,
        ),
      );
    }
    if (role === 'billingProvider') {
      const problem = einProblem(provider.taxId);
      if (problem) findings.push(error('TAX_ID_INVALID', `${role}.taxId`, `The billing provider's tax id ${problem}.`));
      if (/\b(P\.?\s*O\.?\s*BOX|POST OFFICE BOX|LOCK ?BOX)\b/i.test(`${provider.address.line1} ${provider.address.line2 ?? ''}`)) {
        findings.push(
          error(
            'BILLING_ADDRESS_PO_BOX',
            `${role}.address`,
            'The billing provider address must be a street address, not a PO box (use a pay-to address for PO boxes).',
          ),
        );
      }
      if (provider.address.postalCode.length !== 9) {
        findings.push(
          error(
            'BILLING_ZIP_PLUS_4',
            `${role}.address.postalCode`,
            'The billing provider ZIP code needs all nine digits (ZIP+4) on electronic claims.',
          ),
        );
      }
    }
  }
  return findings;
}
