/**
 * A bench reference, not a reader: what one pass over an 835's bytes costs when it does only what
 * balancing needs. Segment and element boundaries are found on the bytes, ids told apart by their
 * bytes, amounts read to cents in place, each claim indexed in typed arrays (its segment's offset,
 * charge and payment: a columnar model's spine), and the three balancing levels checked (service,
 * claim, transaction, as balance835.ts). No guide check, no string, no object per segment: the
 * distance between this and the typed reader is what the guide checks and the object model cost,
 * and this figure is a ceiling for any reader that balances. For the bench's corpus files only
 * ('*' between elements, ':' between components, '~' after segments, no BIN segment).
 */

const STAR = 42;
const TILDE = 126;
const key = (a: number, b: number, c: number): number => (a << 16) | (b << 8) | c;
const ST = key(83, 84, 0);
const SE = key(83, 69, 0);
const LX = key(76, 88, 0);
const BPR = key(66, 80, 82);
const CLP = key(67, 76, 80);
const SVC = key(83, 86, 67);
const CAS = key(67, 65, 83);
const PLB = key(80, 76, 66);

/** Cents of the decimal in bytes[a, b) (sign, digits, an optional point and up to two decimals). */
function centsAt(bytes: Uint8Array, a: number, b: number): number {
  let p = a;
  const negative = p < b && bytes[p] === 45;
  if (negative) p++;
  let whole = 0;
  for (; p < b && bytes[p] !== 46; p++) whole = whole * 10 + ((bytes[p] as number) - 48);
  let fraction = 0;
  let digits = 0;
  if (p < b) for (p++; p < b && digits < 2; p++, digits++) fraction = fraction * 10 + ((bytes[p] as number) - 48);
  const cents = whole * 100 + (digits === 1 ? fraction * 10 : fraction);
  return negative ? -cents : cents;
}

/** The claims' columns, reused across calls; room for a claim every 16 bytes (a CLP takes more). */
let claimOffsets = new Int32Array(0);
let claimCharges = new Float64Array(0);
let claimPayments = new Float64Array(0);

/** Cents of element k (1-based) of the segment ending at `end` whose separators are bounds[0, u); 0 when absent. */
function elementCents(bytes: Uint8Array, bounds: Int32Array, u: number, k: number, end: number): number {
  return k > u ? 0 : centsAt(bytes, (bounds[k - 1] as number) + 1, k < u ? (bounds[k] as number) : end);
}

/**
 * Reads every transaction set of `bytes`: the claims indexed, and how many balance checks failed.
 * Written without closures over the loop's variables (V8 would keep those in a context, not in
 * registers): each level's state is a local, each close written out where it happens.
 */
export function sketchBalance(bytes: Uint8Array): { claims: number; unbalanced: number } {
  if (claimOffsets.length < (bytes.length >> 4) + 1) {
    claimOffsets = new Int32Array((bytes.length >> 4) + 1);
    claimCharges = new Float64Array(claimOffsets.length);
    claimPayments = new Float64Array(claimOffsets.length);
  }
  const offsets = claimOffsets;
  const charges = claimCharges;
  const payments = claimPayments;
  const bounds = new Int32Array(64);
  let u = 0;
  let start = 0;
  let claims = 0;
  let unbalanced = 0;
  // Per transaction set, claim and service line.
  let claimPaid = 0;
  let providerAdjustments = 0;
  let totalPayment = 0;
  let claimOpen = false;
  let claimCharge = 0;
  let claimPayment = 0;
  let claimAdjustments = 0;
  let lineOpen = false;
  let lineCharge = 0;
  let linePayment = 0;
  let lineAdjustments = 0;
  for (let p = 0; p < bytes.length; p++) {
    const c = bytes[p] as number;
    if (c === STAR) {
      if (u < 64) bounds[u++] = p;
      continue;
    }
    if (c !== TILDE) continue;
    while (start < p && (bytes[start] as number) <= 32) start++;
    const idEnd = u > 0 ? (bounds[0] as number) : p;
    const id = key(bytes[start] as number, bytes[start + 1] as number, idEnd - start === 3 ? (bytes[start + 2] as number) : 0);
    // A service line closes at the next SVC, CLP, LX or SE; a claim at the next CLP, LX or SE.
    if (lineOpen && (id === SVC || id === CLP || id === LX || id === SE)) {
      if (lineCharge - lineAdjustments - linePayment !== 0) unbalanced++;
      claimAdjustments += lineAdjustments;
      lineOpen = false;
    }
    if (claimOpen && (id === CLP || id === LX || id === SE)) {
      if (claimCharge - claimAdjustments - claimPayment !== 0) unbalanced++;
      claimPaid += claimPayment;
      claimOpen = false;
    }
    if (id === CAS) {
      let sum = 0;
      for (let k = 3; k <= 18 && k <= u; k += 3) sum += elementCents(bytes, bounds, u, k, p);
      if (lineOpen) lineAdjustments += sum;
      else claimAdjustments += sum;
    } else if (id === SVC) {
      lineCharge = elementCents(bytes, bounds, u, 2, p);
      linePayment = elementCents(bytes, bounds, u, 3, p);
      lineAdjustments = 0;
      lineOpen = true;
    } else if (id === CLP) {
      claimCharge = elementCents(bytes, bounds, u, 3, p);
      claimPayment = elementCents(bytes, bounds, u, 4, p);
      claimAdjustments = 0;
      claimOpen = true;
      offsets[claims] = start;
      charges[claims] = claimCharge;
      payments[claims] = claimPayment;
      claims++;
    } else if (id === PLB) {
      // PLB03/05/.../13 a reason composite, PLB04/06/.../14 its amount.
      for (let k = 4; k <= 14 && k <= u; k += 2) providerAdjustments += elementCents(bytes, bounds, u, k, p);
    } else if (id === BPR) {
      const paid = elementCents(bytes, bounds, u, 2, p);
      totalPayment = u >= 3 && bytes[(bounds[2] as number) + 1] === 68 ? -paid : paid;
    } else if (id === ST) {
      claimPaid = 0;
      providerAdjustments = 0;
      totalPayment = 0;
    } else if (id === SE) {
      if (claimPaid - providerAdjustments - totalPayment !== 0) unbalanced++;
    }
    u = 0;
    start = p + 1;
  }
  return { claims, unbalanced };
}
