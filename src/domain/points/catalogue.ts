/**
 * What the engine knows how to compute: every indicator and condition a rule set may name, the
 * department whose data it is computed from, and the shape of its parameters. The values live in
 * the rule-set files (rules/*.yaml); this table only says which values a file must give, so a file
 * can change every number but cannot ask for a computation nobody wrote.
 */
import { isDistrictCode } from '../districts.js';
import {
  confidence,
  listOf,
  nullable,
  oneOf,
  record,
  setOf,
  ShapeError,
  text,
  wholeNumber,
  type Check,
  type Checked,
} from './checks.js';
import type { Confidence, IndicatorKind } from './types.js';
import {
  AWARD_LEVELS,
  EDUCATION_LEVELS,
  HARD_SECTORS,
  INSURANCES,
  QUALIFICATION_LEVELS,
  TENURES,
} from './vocabulary.js';

const points = wholeNumber(0, 1000);
const years = wholeNumber(1, 100);

const districtCode: Check<string> = (value, path) => {
  const code = text(value, path);
  if (!isDistrictCode(code)) throw new ShapeError(path, `${code} is not the GB/T 2260 code of a current Guangzhou district`);
  return code;
};

/** One row of a points table ("bachelor 30"), optionally less sure than its indicator. */
export interface ScoredEntry<L extends string> {
  level: L;
  points: number;
  confidence?: Confidence;
  note?: string;
}

function entryNeedsNote<T extends { confidence?: Confidence; note?: string }>(check: Check<T>): Check<T> {
  return (value, path) => {
    const entry = check(value, path);
    if (entry.confidence === 'U' && entry.note === undefined) {
      throw new ShapeError(`${path}.note`, 'is missing: a value marked U must say what is unverified and why');
    }
    return entry;
  };
}

/** A level → points table; each level at most once, or which row applies would be ambiguous. */
function levelTable<L extends string>(levels: readonly L[]): Check<ScoredEntry<L>[]> {
  const entries = listOf(entryNeedsNote(record({ level: oneOf(levels), points }, { confidence, note: text })), 1);
  return (value, path) => {
    const table = entries(value, path);
    const repeated = table.find((entry, i) => table.findIndex((other) => other.level === entry.level) !== i);
    if (repeated) throw new ShapeError(path, `gives ${repeated.level} twice`);
    return table;
  };
}

/** A tax band: from this cumulative amount (fen) on, these points. */
export interface TaxBand {
  minFen: number;
  points: number;
  confidence?: Confidence;
  note?: string;
}

/** Bands in rising order of amount and points: the highest band reached applies. */
const taxBands: Check<TaxBand[]> = (value, path) => {
  const bands = listOf(entryNeedsNote(record({ minFen: wholeNumber(1), points }, { confidence, note: text })), 1)(value, path);
  bands.forEach((band, i) => {
    const before = bands[i - 1];
    if (before && (band.minFen <= before.minFen || band.points < before.points)) {
      throw new ShapeError(`${path}[${i}]`, 'bands must rise: each starts above the one before and gives no fewer points');
    }
  });
  return bands;
};

const perEventDeduction = record({ pointsEach: points, windowYears: years });

const POSITIVE: readonly IndicatorKind[] = ['basic', 'bonus'];
const DEDUCTION: readonly IndicatorKind[] = ['deduction'];

/**
 * Every indicator: its owner (POINTS.md, "data from"), the kinds it may be given (a deduction
 * cannot be written as a bonus by accident) and its parameters.
 */
export const INDICATORS = {
  'residence-permit': {
    owner: 'migrant-services',
    kinds: POSITIVE,
    params: record({ pointsPerYear: points }),
  },
  housing: {
    owner: 'housing',
    kinds: POSITIVE,
    params: record({
      ownedTenures: setOf(oneOf(TENURES)),
      ownedPoints: points,
      perYearTenures: setOf(oneOf(TENURES)),
      pointsPerYear: points,
      cap: points,
    }),
  },
  'moved-out-of-central-districts': {
    owner: 'housing',
    kinds: POSITIVE,
    params: record({ centralDistricts: setOf(districtCode), pointsPerYear: points, cap: points }),
  },
  'social-insurance': {
    owner: 'hrss',
    kinds: POSITIVE,
    params: record({ insurances: setOf(oneOf(INSURANCES)), pointsPerTypePerYear: points }),
  },
  'provident-fund': {
    owner: 'housing',
    kinds: POSITIVE,
    params: record({ pointsPerYear: points }),
  },
  age: {
    owner: 'public-security',
    kinds: POSITIVE,
    params: record({
      fromAge: wholeNumber(0, 150),
      toAge: wholeNumber(0, 150),
      fullPoints: points,
      minusPerYearOver: points,
      floor: points,
    }),
  },
  education: {
    owner: 'education',
    kinds: POSITIVE,
    params: record({ levels: levelTable(EDUCATION_LEVELS) }),
  },
  'technical-ability': {
    owner: 'hrss',
    kinds: POSITIVE,
    params: record({ levels: levelTable(QUALIFICATION_LEVELS) }, { inTradeBonus: points }),
  },
  'high-tech-employer': {
    owner: 'hrss',
    kinds: POSITIVE,
    params: record({ pointsPerYear: points, cap: points }),
  },
  'needed-occupation': {
    owner: 'hrss',
    kinds: POSITIVE,
    params: record({ points }),
  },
  'frontline-hard-sector': {
    owner: 'hrss',
    kinds: POSITIVE,
    params: record({ sectors: setOf(oneOf(HARD_SECTORS)), points, pointsPerYear: points, perYearCap: points }),
  },
  'blood-donation': {
    owner: 'health',
    kinds: POSITIVE,
    params: record({ pointsPerDonation: points, maxPointsPerYear: nullable(points), windowYears: years, cap: points }),
  },
  volunteering: {
    owner: 'civil-affairs',
    kinds: POSITIVE,
    params: record({
      hoursPerUnit: wholeNumber(1),
      pointsPerUnit: points,
      maxPointsPerYear: nullable(points),
      windowYears: years,
      cap: points,
    }),
  },
  'income-tax': {
    owner: 'tax',
    kinds: POSITIVE,
    params: record({ taxYears: years, bands: taxBands }),
  },
  awards: {
    owner: 'civil-affairs',
    kinds: POSITIVE,
    params: record({ levels: levelTable(AWARD_LEVELS) }),
  },
  'poor-credit': { owner: 'development-reform', kinds: DEDUCTION, params: perEventDeduction },
  'tax-evasion': { owner: 'tax', kinds: DEDUCTION, params: perEventDeduction },
  'public-security-penalty': { owner: 'public-security', kinds: DEDUCTION, params: perEventDeduction },
} as const;

/** The basic conditions (settlement, seed §4) and the conditions for holding services points. */
export const CONDITIONS = {
  'employed-in-guangzhou': { owner: 'hrss', params: null },
  'valid-residence-permit': { owner: 'migrant-services', params: null },
  'age-range': {
    owner: 'public-security',
    params: record({ minAge: nullable(wholeNumber(0, 150)), maxAge: wholeNumber(0, 150) }),
  },
  'social-insurance-years': {
    owner: 'hrss',
    params: record({ insurances: setOf(oneOf(INSURANCES)), years }),
  },
  'no-recent-criminal-punishment': {
    owner: 'public-security',
    params: record({ windowYears: years }),
  },
} as const;

export type IndicatorId = keyof typeof INDICATORS;
export type ConditionId = keyof typeof CONDITIONS;
export type IndicatorParams<Id extends IndicatorId> = Checked<(typeof INDICATORS)[Id]['params']>;
export type ConditionParams<Id extends ConditionId> = (typeof CONDITIONS)[Id]['params'] extends Check<infer P> ? P : null;

/** A department that computes indicators or conditions: exactly the owners named above. */
export type Department = (typeof INDICATORS)[IndicatorId]['owner'] | (typeof CONDITIONS)[ConditionId]['owner'];
export const DEPARTMENTS: readonly Department[] = [
  ...new Set<Department>([...Object.values(INDICATORS), ...Object.values(CONDITIONS)].map((spec) => spec.owner)),
];

export type IndicatorIdOf<D extends Department> = {
  [Id in IndicatorId]: (typeof INDICATORS)[Id]['owner'] extends D ? Id : never;
}[IndicatorId];
export type ConditionIdOf<D extends Department> = {
  [Id in ConditionId]: (typeof CONDITIONS)[Id]['owner'] extends D ? Id : never;
}[ConditionId];

export const isIndicatorId = (id: string): id is IndicatorId => Object.hasOwn(INDICATORS, id);
export const isConditionId = (id: string): id is ConditionId => Object.hasOwn(CONDITIONS, id);
