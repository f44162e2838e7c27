/**
 * Where the relational syntax notes of a segment stand, for every segment id of the supported guides
 * that carries none here. A note is data only when a source prints it (`withSyntax(seg(...), [...])`
 * beside the definition); a segment without notes is listed below with what was read, so that a
 * missing note is a recorded finding and not an oversight. test/x12/conformance-data.test.ts walks
 * every definition and keeps this list and the definitions in agreement.
 *
 * Sources:
 * - pyx12's maps (BSD, github.com/azoner/pyx12, pyx12/map/), which write a segment's notes as
 *   `<syntax>` elements. The `.v2` maps print every note of the standard (N4 E0207/C0704, PRV P0203,
 *   DMG P1011/C1105); the older 837.5010.X222.A1.xml leaves some out (PRV P0203, N4 E0207 and
 *   C0704), so its silence alone is weaker evidence and is said so below.
 * - stupidedi's 005010 segment dictionary (BSD, github.com/kputnam/stupidedi,
 *   lib/stupidedi/versions/005010/segment_defs/), which writes notes as `SyntaxNotes::P/R/C/L/E`
 *   (its N4 carries E0207, C0605, C0704). Some of its segments (UM, HCR) are empty stubs.
 * - Madjic.Edi's segment classes (MIT, github.com/MartinJSoles/Madjic.Edi, Madjic.Edi.Dom/Segments/),
 *   which write notes as `SyntaxRulePaired/Required/Conditional/ListConditional/Exclusion` beside
 *   `SyntaxRuleAllRequired` for the mandatory elements (its N4 carries E0207, C0605, C0704; DTM
 *   R020305, C0403, P0506; QTY R0204, E0204: the notes written here).
 */

/** `none`: a source that prints other segments' notes prints none for it (the only standing recorded so far). */
export type NoteStanding = 'none';

export interface NoteSource {
  readonly standing: NoteStanding;
  readonly source: string;
}

const X223V2 = '837Q3.I.5010.X223.A1.v2.xml';
const X222 = '837.5010.X222.A1.xml (which omits some notes: weaker)';
const X279V2 = '271.5010.X279.A1.v2.xml';
const EARLIER = 'cross-checked against the X221A1, X222A1, X214 and X279A1 maps before this list was kept';
const STUPIDEDI = 'stupidedi 005010 segment_defs';
const MADJIC = 'Madjic.Edi Segments';
/** pyx12's 999 maps carry no `<syntax>` at all, so the 999's segments rest on the two dictionaries. */
const DICTIONARIES_999 = `${STUPIDEDI} and ${MADJIC}: mandatory elements only, no relational note (pyx12's 999 maps carry no <syntax> at all)`;

/** Segment ids of the supported guides that carry no relational syntax note, with the reason. */
export const NOTE_SOURCES: Readonly<Record<string, NoteSource>> = {
  // Checked for this list (issue 12, Conformance).
  CL1: { standing: 'none', source: `${X223V2} 2300 CL1; 837Q3.I.5010.X223.A1.xml 2300 CL1; ${STUPIDEDI} CL1` },
  CN1: { standing: 'none', source: `${X223V2} 2300 CN1; ${X222} 2400 CN1; ${STUPIDEDI} CN1` },
  CRC: { standing: 'none', source: `${X223V2} 2300 CRC (EPSDT referral); ${X222} 2400 CRC (ambulance, hospice, DMERC); ${STUPIDEDI} CRC` },
  SVD: {
    standing: 'none',
    source: `${X223V2} 2430 SVD; ${X222} 2430 SVD; ${MADJIC} SVD (SVD01, SVD02 mandatory); ${STUPIDEDI} SVD (marks SVD02 relational but lists no note)`,
  },
  PS1: { standing: 'none', source: `${X222} 2400 PS1; ${STUPIDEDI} PS1; ${MADJIC} PS1 (PS101, PS102 mandatory, PS103 optional)` },
  AAA: { standing: 'none', source: `${X279V2} 2100A and 2100B AAA (beside NM1, REF, N4 and PRV with theirs); ${STUPIDEDI} AAA` },
  CLM: { standing: 'none', source: `${X223V2} 2300 CLM` },
  SBR: { standing: 'none', source: `${X223V2} 2000B SBR` },
  HL: { standing: 'none', source: `${X223V2} 2000B HL; ${X279V2} 2000B and 2000C HL` },
  N3: { standing: 'none', source: `${X223V2} 2010BA and 2010BB N3; ${X279V2} 2100B N3` },
  K3: { standing: 'none', source: `${X223V2} 2300 K3` },
  NTE: { standing: 'none', source: `${X223V2} 2300 NTE` },
  DTP: { standing: 'none', source: `${X223V2} 2300 DTP; 277.5010.X212.xml 2200D and 2220D DTP` },
  BHT: { standing: 'none', source: `${X222} header BHT` },
  ST: { standing: 'none', source: `${X222} ST` },
  SE: { standing: 'none', source: '277.5010.X212.xml SE' },
  // pyx12's only 278 maps are 4010 and carry no <syntax> at all, and stupidedi's UM and HCR are stubs.
  UM: { standing: 'none', source: `${MADJIC} UM (UM01 mandatory, no relational note), used for 005010X217 2000E/2000F` },
  HCR: { standing: 'none', source: `${MADJIC} HCR (HCR01 mandatory, no relational note), used for 005010X217 2000E/2000F` },
  AK1: { standing: 'none', source: DICTIONARIES_999 },
  AK2: { standing: 'none', source: DICTIONARIES_999 },
  IK3: { standing: 'none', source: DICTIONARIES_999 },
  IK4: { standing: 'none', source: DICTIONARIES_999 },
  IK5: { standing: 'none', source: DICTIONARIES_999 },
  CTX: { standing: 'none', source: `${DICTIONARIES_999}: CTX02-CTX06 all optional and unrelated` },
  AK9: { standing: 'none', source: DICTIONARIES_999 },
  OI: { standing: 'none', source: `${X223V2} 2320 OI` },
  LS: { standing: 'none', source: `${X279V2} 2110C LS (LS01 alone)` },
  LE: { standing: 'none', source: `${STUPIDEDI} LE (LE01 alone, mandatory)` },
  // Checked before this list was kept (functions/x12/README.md).
  TRN: { standing: 'none', source: `${EARLIER}; ${X279V2} 2000C TRN` },
  CLP: { standing: 'none', source: EARLIER },
  SVC: { standing: 'none', source: `${EARLIER}; 277.5010.X212.xml 2220E SVC` },
  MIA: { standing: 'none', source: EARLIER },
  MOA: { standing: 'none', source: EARLIER },
  TS3: { standing: 'none', source: EARLIER },
  TS2: { standing: 'none', source: EARLIER },
  RDM: { standing: 'none', source: EARLIER },
  LX: { standing: 'none', source: EARLIER },
  AMT: { standing: 'none', source: EARLIER },
  STC: { standing: 'none', source: `${EARLIER}; 277.5010.X212.xml 2200B, 2200D, 2220D STC` },
  HI: { standing: 'none', source: `${EARLIER}; ${X223V2} 2300 HI (its notes P0304, E0809 are on the C022 composites, not data here)` },
  SV5: { standing: 'none', source: EARLIER },
};
