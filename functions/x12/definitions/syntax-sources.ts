/**
 * Where the relational syntax notes of a segment stand, for every segment id of the supported guides
 * that carries none here. A note is data only when a source prints it (`withSyntax(seg(...), [...])`
 * beside the definition); a segment without notes is listed below with what was read, so that a
 * missing note is a recorded finding and not an oversight. test/x12/conformance-data.test.ts walks
 * every definition and keeps this list and the definitions in agreement.
 *
 * Sources are pyx12's maps (BSD-licensed, github.com/azoner/pyx12, directory pyx12/map/), which
 * write a segment's notes as `<syntax>` elements. The `.v2` maps print every note of the standard
 * (N4 E0207/C0704, PRV P0203, DMG P1011/C1105); the older 837.5010.X222.A1.xml leaves some out
 * (PRV P0203, N4 E0207 and C0704), so its silence alone is weaker evidence and is said so below.
 */

/** `none`: a map that prints notes prints none for it; `unsettled`: no source at hand says; `not reviewed`: not yet read. */
export type NoteStanding = 'none' | 'unsettled' | 'not reviewed';

export interface NoteSource {
  readonly standing: NoteStanding;
  readonly source: string;
}

const X223V2 = '837Q3.I.5010.X223.A1.v2.xml';
const X222 = '837.5010.X222.A1.xml (which omits some notes: weaker)';
const X279V2 = '271.5010.X279.A1.v2.xml';
const EARLIER = 'cross-checked against the X221A1, X222A1, X214 and X279A1 maps before this list was kept';
const NO_999_SOURCE = '999.5010X231.A1.xml and 999.5010.xml carry no <syntax> on any segment, so their silence says nothing';
const NO_278_SOURCE =
  'the only 278 maps at hand are 4010 (278.4010.X094.A1.xml, 278.4010.X094.27.A1.xml) and carry no <syntax> on any segment';

/** Segment ids of the supported guides that carry no relational syntax note, with the reason. */
export const NOTE_SOURCES: Readonly<Record<string, NoteSource>> = {
  // Checked for this list (issue 12, Conformance).
  CL1: { standing: 'none', source: `${X223V2} 2300 CL1; 837Q3.I.5010.X223.A1.xml 2300 CL1` },
  CN1: { standing: 'none', source: `${X223V2} 2300 CN1; ${X222} 2400 CN1` },
  CRC: { standing: 'none', source: `${X223V2} 2300 CRC (EPSDT referral); ${X222} 2400 CRC (ambulance, hospice, DMERC)` },
  SVD: { standing: 'none', source: `${X223V2} 2430 SVD; ${X222} 2430 SVD` },
  PS1: { standing: 'none', source: `${X222} 2400 PS1: PS101 and PS102 required, PS103 Not Used` },
  AAA: { standing: 'none', source: `${X279V2} 2100A and 2100B AAA (beside NM1, REF, N4 and PRV with theirs)` },
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
  UM: { standing: 'unsettled', source: NO_278_SOURCE },
  HCR: { standing: 'unsettled', source: NO_278_SOURCE },
  AK1: { standing: 'unsettled', source: NO_999_SOURCE },
  AK2: { standing: 'unsettled', source: NO_999_SOURCE },
  IK3: { standing: 'unsettled', source: NO_999_SOURCE },
  IK4: { standing: 'unsettled', source: NO_999_SOURCE },
  IK5: { standing: 'unsettled', source: NO_999_SOURCE },
  CTX: { standing: 'unsettled', source: NO_999_SOURCE },
  AK9: { standing: 'unsettled', source: NO_999_SOURCE },
  OI: { standing: 'none', source: `${X223V2} 2320 OI` },
  LS: { standing: 'none', source: `${X279V2} 2110C LS (LS01 alone)` },
  LE: { standing: 'not reviewed', source: '271 2110C loop trailer (LE01 alone): not read in a map' },
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
