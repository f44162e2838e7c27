/**
 * Reads the claims of an 837P/837I model (as the X12 engine reads it) into {@link SandboxClaim}s.
 * Names, addresses and birth dates are not copied: the sandbox adjudicates on ids and codes.
 */
import type { AdjustmentGroup, Claim837, ClaimDocument837, DatePeriod, Party } from '#functions/x12/index.ts';
import type { PriorPayerAdjudication, SandboxClaim, SandboxLine } from './types.ts';

const iso = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** The first date of a DTP value (D8 `CCYYMMDD` or RD8 `CCYYMMDD-CCYYMMDD`), as ISO. */
function firstDate(dates: readonly DatePeriod[] | undefined, qualifiers: readonly string[]): string | undefined {
  const d = dates?.find((x) => qualifiers.includes(x.qualifier));
  if (!d || !/^\d{8}/.test(d.value)) return undefined;
  return iso(d.value.slice(0, 8));
}

function lastDate(dates: readonly DatePeriod[] | undefined, qualifiers: readonly string[]): string | undefined {
  const d = dates?.find((x) => qualifiers.includes(x.qualifier));
  if (!d) return undefined;
  const v = d.value.includes('-') ? (d.value.split('-')[1] ?? '') : d.value;
  return /^\d{8}$/.test(v) ? iso(v) : undefined;
}

const DIAGNOSIS_QUALIFIERS = ['ABK', 'ABF', 'ABJ', 'BK', 'BF', 'BJ'];

/**
 * The prior payer's adjudication, when the payer billed is not the primary (SBR01 S or T): the other
 * payer whose SBR01 is P (for a tertiary claim, S), else the first other payer listed.
 */
function priorPayerOf(c: Claim837, responsibility: string): PriorPayerAdjudication | undefined {
  if (responsibility === 'P') return undefined;
  const before = responsibility === 'T' ? 'S' : 'P';
  const other = c.otherSubscribers?.find((o) => o.payerResponsibility === before) ?? c.otherSubscribers?.[0];
  if (!other) return undefined;
  const payerId = other.payer.id ?? '';
  const paid = other.amounts?.find((a) => a.qualifier === 'D')?.amountCents ?? 0;
  const lines = c.serviceLines.map((l, i) => {
    const adj = l.adjudications?.find((a) => a.otherPayerId === payerId) ?? l.adjudications?.[0];
    return { lineNumber: i + 1, paidCents: adj?.paidCents ?? 0, adjustments: (adj?.adjustments ?? []) as AdjustmentGroup[] };
  });
  // Without line adjudications (2430), the claim-level figures are spread onto the first line.
  if (!c.serviceLines.some((l) => l.adjudications?.length) && lines[0]) {
    lines[0] = { lineNumber: 1, paidCents: paid, adjustments: other.adjustments ?? [] };
  }
  const prior: PriorPayerAdjudication = { payerId, paidCents: paid, lines };
  const adjudicated =
    firstDate(other.payer.dates, ['573']) ??
    firstDate(
      c.serviceLines.flatMap((l) => l.adjudications?.[0]?.dates ?? []),
      ['573'],
    );
  if (adjudicated) prior.adjudicatedDate = adjudicated;
  return prior;
}

function toClaim(
  c: Claim837,
  claimType: '837P' | '837I',
  ctx: {
    payerId: string;
    memberId: string;
    billingNpi: string;
    billingName?: string;
    renderingNpi?: string;
    patient?: Party;
    responsibility: string;
  },
): SandboxClaim {
  const claimFrom = firstDate(c.dates, ['434', '472']);
  const lines: SandboxLine[] = c.serviceLines.map((l, i) => {
    const p = l.professional;
    const inst = l.institutional;
    const proc = p?.procedure ?? inst?.procedure;
    const modifiers = [proc?.modifier1, proc?.modifier2, proc?.modifier3, proc?.modifier4].filter(
      (m): m is string => m !== undefined && m !== '',
    );
    const out: SandboxLine = {
      lineNumber: i + 1,
      modifiers,
      units: p?.quantity ?? inst?.quantity ?? '1',
      chargeCents: p?.chargeCents ?? inst?.chargeCents ?? 0,
      serviceDate: firstDate(l.dates, ['472']) ?? claimFrom ?? '1900-01-01',
    };
    if (proc?.code) out.procedureCode = proc.code;
    if (inst?.revenueCode) out.revenueCode = inst.revenueCode;
    return out;
  });
  const diagnoses: string[] = [];
  for (const hi of c.healthCareCodes ?? [])
    for (const x of hi.codes) if (DIAGNOSIS_QUALIFIERS.includes(x.code.qualifier)) diagnoses.push(x.code.code);
  // Rendering (82) on an 837P; on an 837I the attending (71) plays that part.
  const rendering = c.providers?.find((p) => p.entityCode === (claimType === '837I' ? '71' : '82'))?.id ?? ctx.renderingNpi;
  const out: SandboxClaim = {
    patientControlNumber: c.patientControlNumber,
    claimType,
    payerId: ctx.payerId,
    memberId: ctx.memberId,
    frequencyCode: (['1', '7', '8'].includes(c.facility.frequencyCode) ? c.facility.frequencyCode : '1') as SandboxClaim['frequencyCode'],
    totalChargeCents: c.totalChargeCents,
    billingProviderNpi: ctx.billingNpi,
    diagnoses,
    notes: (c.notes ?? []).map((n) => n.text),
    lines,
  };
  const f8 = c.references?.find((r) => r.qualifier === 'F8')?.value;
  if (f8) out.originalPayerClaimNumber = f8;
  const g1 = c.references?.find((r) => r.qualifier === 'G1')?.value;
  if (g1) out.authorizationNumber = g1;
  if (rendering) out.renderingProviderNpi = rendering;
  const facility = c.facility.placeOfService ?? c.facility.facilityTypeCode;
  if (facility) out.facilityCode = facility;
  if (ctx.billingName) out.billingProviderName = ctx.billingName;
  if (ctx.patient?.lastName)
    out.patient = ctx.patient.firstName
      ? { lastName: ctx.patient.lastName, firstName: ctx.patient.firstName }
      : { lastName: ctx.patient.lastName };
  const prior = priorPayerOf(c, ctx.responsibility);
  if (prior) out.priorPayer = prior;
  // 837I without line dates: the statement period's end is the service date of every line.
  if (claimType === '837I') {
    const through = lastDate(c.dates, ['434']);
    if (through) for (const l of out.lines) if (l.serviceDate === '1900-01-01') l.serviceDate = through;
  }
  return out;
}

/** Every claim of an 837 document, with its payer, member and billing provider. */
export function claimsFrom837(doc: ClaimDocument837, claimType: '837P' | '837I'): SandboxClaim[] {
  const out: SandboxClaim[] = [];
  for (const bp of doc.billingProviders) {
    const billingNpi = (bp.billingProvider as Party).id ?? '';
    const billingName = (bp.billingProvider as Party).lastName;
    for (const sub of bp.subscribers) {
      const ctx = {
        payerId: sub.payer.id ?? '',
        memberId: sub.subscriber.id ?? '',
        billingNpi,
        responsibility: sub.insurance.payerResponsibility,
        ...(billingName ? { billingName } : {}),
      };
      for (const c of sub.claims ?? []) out.push(toClaim(c, claimType, { ...ctx, patient: sub.subscriber }));
      for (const pat of sub.patients ?? []) for (const c of pat.claims) out.push(toClaim(c, claimType, { ...ctx, patient: pat.patient }));
    }
  }
  return out;
}
