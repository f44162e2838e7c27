/** Check-digit and format rules for provider identifiers. */

/**
 * NPI check digit: Luhn over the nine-digit base prefixed with 80840 (the ISO card-issuer prefix
 * for US health), as CMS specifies. Adding the constant 24 is the same as prefixing 80840.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  let sum = 24;
  for (let i = 8; i >= 0; i -= 1) {
    let digit = Number(npi[i]);
    // the rightmost base digit is doubled first (it sits next to the check digit)
    if ((8 - i) % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/**
 * EIN campus prefixes the IRS has never assigned (07, 08, 09, 17, 18, 19, 28, 29, 49, 69, 70,
 * 78, 79, 89, 96, 97) and the all-zero prefix.
 */
const unassignedEinPrefixes = new Set([
  '00',
  '07',
  '08',
  '09',
  '17',
  '18',
  '19',
  '28',
  '29',
  '49',
  '69',
  '70',
  '78',
  '79',
  '89',
  '96',
  '97',
]);

/** Why a tax id is not a plausible EIN, or null when it is. Accepts `NN-NNNNNNN` or nine digits. */
export function einProblem(taxId: string): string | null {
  const digits = taxId.replace(/^(\d{2})-(\d{7})$/, '$1$2');
  if (!/^\d{9}$/.test(digits)) return 'must be nine digits (NN-NNNNNNN)';
  if (unassignedEinPrefixes.has(digits.slice(0, 2))) return `prefix ${digits.slice(0, 2)} is not an IRS-assigned EIN prefix`;
  if (/^(\d)\1{8}$/.test(digits)) return 'is a placeholder (all digits the same)';
  return null;
}
