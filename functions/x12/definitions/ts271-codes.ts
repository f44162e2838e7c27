/**
 * Code lists of X279A1 per loop: the 271's as pyx12's map 271.5010.X279.A1.v2.xml gives them, the
 * 270's as pyx12's 270.5010.X279.A1.xml and stupidedi's X279A1-HS270.rb give them (they agree)
 * (github.com/azoner/pyx12, github.com/kputnam/stupidedi, BSD), cross-checked with LinuxForHealth
 * x12's 271 segment models (github.com/LinuxForHealth/x12, Apache-2.0) where that library lists a
 * loop's codes.
 */

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const letters = (prefix: string, chars: string): string[] => chars.split('').map((c) => `${prefix}${c}`);

/** AAA03 (reject reason) and AAA04 (follow-up action) by loop. */
const MEMBER_REASONS = ['15', '35', '42', '43', '45', '47', '48', '49', '51', '52', '56', '57', '58', '60', '61', '62', '63'];
const MEMBER_ACTIONS = ['C', 'N', 'R', 'S', 'W', 'X', 'Y'];
export const AAA_271 = {
  '2000A': { reasons: ['04', '41', '42', '79'], actions: ['C', 'N', 'P', 'R', 'S', 'Y'] },
  '2100A': { reasons: ['04', '41', '42', '79', '80', 'T4'], actions: ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'] },
  '2100B': { reasons: ['15', '41', '43', '44', '45', '46', '47', '48', '50', '51', '79', '97', 'T4'], actions: MEMBER_ACTIONS },
  '2100C': { reasons: [...MEMBER_REASONS, '71', '72', '73', '74', '75', '76', '78'], actions: MEMBER_ACTIONS },
  '2100D': { reasons: [...MEMBER_REASONS, '64', '65', '66', '67', '68', '71', '77'], actions: MEMBER_ACTIONS },
  '2110': {
    reasons: [
      ...['15', '33', '52', '53', '54', '55', '56', '57', '60', '61', '62', '63', '69', '70', '98'],
      ...['AA', 'AE', 'AF', 'AG', 'AO'],
      'CI',
      'E8',
      'IA',
      'MA',
    ],
    actions: ['C', 'N', 'R', 'W', 'X', 'Y'],
  },
};

/** REF01 by loop. 2100D takes 3H (case number) beside the map's list, as LinuxForHealth's 2100 REF lists it. */
export const REF_271 = {
  '2100B': ['0B', '1C', '1D', '1J', '4A', 'CT', 'EL', 'EO', 'HPI', 'JD', 'N5', 'N7', 'Q4', 'SY', 'TJ'],
  '2100C': ['18', '1L', '1W', '3H', '49', '6P', 'CE', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'N6', 'NQ', 'Q4', 'SY', 'Y4'],
  '2100D': ['18', '1L', '1W', '3H', '49', '6P', 'CE', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'MRC', 'N6', 'NQ', 'Q4', 'SY', 'Y4'],
  '2110': ['18', '1L', '1W', '49', '6P', '9F', 'ALS', 'CLI', 'F6', 'FO', 'G1', 'IG', 'M7', 'N6', 'NQ'],
};

/** PRV01: the receiver's and a related entity's list (SB, submitting, included); a member's has no SB. */
export const PROVIDER_CODES_271 = [
  'AD',
  'AT',
  'BI',
  'CO',
  'CV',
  'H',
  'HH',
  'LA',
  'OT',
  'P1',
  'P2',
  'PC',
  'PE',
  'R',
  'RF',
  'SB',
  'SK',
  'SU',
];
export const MEMBER_PROVIDER_CODES_271 = PROVIDER_CODES_271.filter((c) => c !== 'SB');
/**
 * PRV02 of a member's provider (2100C/D): the map lists PXC; LinuxForHealth lists 9K, D3, EI, HPI,
 * SY and TJ beside it. The union is kept: rejecting a code one source gives is the worse mistake.
 */
export const MEMBER_PROVIDER_QUALIFIERS_271 = ['9K', 'D3', 'EI', 'HPI', 'PXC', 'SY', 'TJ'];

/** 2120C/D NM101 (both sources agree) and NM110 (the related entity's relationship to the member). */
export const RELATED_ENTITY_CODES_271 = [
  ...['13', '1I', '1P', '2B', '36', '73', 'FA', 'GP', 'GW', 'I3', 'IL', 'LR', 'OC', 'P3', 'P4', 'P5', 'PR'],
  ...['PRP', 'SEP', 'TTP', 'VER', 'VN', 'VY', 'X3', 'Y2'],
];
export const RELATIONSHIP_CODES_271 = ['01', '02', '27', '41', '48', '65', '72'];

/** INS02 of a dependent (2100D). */
export const DEPENDENT_RELATIONSHIPS_271 = ['01', '19', '20', '21', '39', '40', '53', 'G8'];

/** EB02 coverage level: the subscriber's; a dependent's has no EMP (employee only). */
export const COVERAGE_LEVELS_271 = ['CHD', 'DEP', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO'];
export const DEPENDENT_COVERAGE_LEVELS_271 = COVERAGE_LEVELS_271.filter((c) => c !== 'EMP');

/** Service type codes of X279A1: the 271's EB03 and the 270's EQ01 (all four sources give this list). */
export const SERVICE_TYPES_271 = [
  ...range(1, 28),
  '30',
  ...range(32, 99),
  ...letters('A', '0123456789ABCDEFGHIJKLMNOQR'),
  ...letters('B', '123ABCDEFGHIJKLMNPQRSTUVWXYZ'),
  ...letters('C', '1ABCDEFGHIJKLMNOPQ'),
  ...['DG', 'DM', 'DS', 'GF', 'GN', 'GY', 'IC', 'MH', 'NI', 'ON', 'PT', 'PU', 'RN', 'RT', 'TC', 'TN', 'UC'],
];

/** EB04 insurance type codes. */
export const INSURANCE_TYPES_271 = [
  ...['12', '13', '14', '15', '16', '41', '42', '43', '47', 'AP', 'C1', 'CO', 'CP', 'D', 'DB', 'EP', 'FF', 'GP', 'HM', 'HN', 'HS'],
  ...['IN', 'IP', 'LC', 'LD', 'LI', 'LT', 'MA', 'MB', 'MC', 'MH', 'MI', 'MP', 'OT', 'PE', 'PL', 'PP', 'PR', 'PS', 'QM', 'RP'],
  ...['SP', 'TF', 'WC', 'WU'],
];

/** EB06 time period qualifiers; HSD05 takes the same but 13 and 36. */
export const TIME_PERIODS_271 = ['13', ...range(21, 36), '6', '7'];
export const DELIVERY_PERIODS_271 = [...range(21, 35), '6', '7'];

/** EB09 quantity qualifiers. */
export const QUANTITY_QUALIFIERS_271 = [
  '8H',
  '99',
  'CA',
  'CE',
  'D3',
  'DB',
  'DY',
  'HS',
  'LA',
  'LE',
  'M2',
  'MN',
  'P6',
  'QA',
  'S7',
  'S8',
  'VS',
  'YY',
];

/** HSD01, HSD03, HSD07 and HSD08. */
export const HSD_271 = {
  quantityQualifiers: ['DY', 'FL', 'HS', 'MN', 'VS'],
  unitBases: ['DA', 'MO', 'VS', 'WK', 'YR'],
  frequencies: [...range(1, 9), ...'ABCDEFGHJKLMNOPQRS'.split(''), 'SG', 'SL', 'SP', 'SX', 'SY', 'SZ', 'T', 'U', 'V', 'W', 'X', 'Y'],
  patterns: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Y'],
};

/** MPI01, MPI02, MPI03 and MPI05. */
export const MPI_271 = {
  statuses: ['A', 'C', 'L', 'O', 'P', 'S', 'T'],
  employment: ['AE', 'AO', 'AS', 'AT', 'AU', 'CC', 'DD', 'HD', 'IR', 'LX', 'PE', 'RE', 'RM', 'RR', 'RU'],
  affiliations: [...'ABCDEFGHIJKLMNO'.split(''), 'Q', 'R', 'S', 'U', 'W'],
  ranks: [
    ...['A1', 'A2', 'A3', 'B1', 'B2', ...letters('C', '123456789'), 'E1', ...letters('F', '1234'), 'G1', 'G4'],
    ...[...letters('L', '123456'), ...letters('M', '123456'), ...letters('P', '12345'), 'R1', 'R2'],
    ...[...letters('S', '123456789ABC'), 'T1', 'V1', 'W1'],
  ],
};

/** REF01 of the 270 by loop (REF03 is Not Used in 2100C, 2100D and 2110C/D). */
export const REF_270 = {
  '2100B': REF_271['2100B'],
  '2100C': ['18', '1L', '1W', '3H', '6P', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IG', 'N6', 'NQ', 'SY', 'Y4'],
  '2100D': ['18', '1L', '1W', '6P', 'CT', 'EA', 'EJ', 'F6', 'GH', 'HJ', 'IF', 'IG', 'MRC', 'N6', 'SY', 'Y4'],
  '2110': ['9F', 'G1'],
};

/** INS02 of a dependent in the 270 (spouse, child, other adult). */
export const DEPENDENT_RELATIONSHIPS_270 = ['01', '19', '34'];
