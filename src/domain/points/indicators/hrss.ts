/**
 * Human Resources and Social Security (市人力资源和社会保障局): employment, social insurance,
 * professional titles and skill certificates.
 */
import { dayOfDate, monthsCovered, monthsPaid, wholeYears, type AsOf, type MonthRun } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { ConditionResult, IndicatorResult, IsoDate } from '../types.js';
import {
  QUALIFICATION_NAMES,
  qualificationLevel,
  type ContributionOrigin,
  type HardSector,
  type Insurance,
  type ProfessionalTitleLevel,
  type SkillCertificateLevel,
} from '../vocabulary.js';
import { INSURANCE_NAMES, words, years } from '../wording.js';
import { answerConditions, answerIndicators, type ConditionCheckers, type IndicatorCalculators } from './answer.js';
import { bestLevel, capped, holdsOn, perCompletedYear, spanOf, type Dated } from './counting.js';

/** A run of contribution months of one insurance, and where the months come from. */
export interface InsuranceContributionFact extends MonthRun {
  insurance: Insurance;
  /** Only months paid in Guangzhou count; transferred-in and back-paid months are kept apart (POINTS.md). */
  origin: ContributionOrigin;
}

/** One job in Guangzhou, from `since` to its last day `until` (inclusive; null = current). */
export interface EmploymentFact extends Dated {
  /** The employer is on the city's high-tech or R&D list. */
  highTechOrRnd: boolean;
  /** The occupation is in the city's catalogue of urgently needed trades. */
  neededOccupation: boolean;
  /** The job is frontline work in a hard sector, or null. */
  frontlineHardSector: HardSector | null;
}

export type QualificationFact = (
  | { kind: 'professional-title'; level: ProfessionalTitleLevel }
  | { kind: 'skill-certificate'; level: SkillCertificateLevel }
) & {
  awardedOn: IsoDate;
  /** The person works in the trade of this title or certificate (POINTS.md: +5 if so). */
  worksInThatTrade: boolean;
};

export interface HrssPointsFacts {
  insuranceContributions: InsuranceContributionFact[];
  employments: EmploymentFact[];
  qualifications: QualificationFact[];
}

/** Months of `insurance` paid in Guangzhou that count on `asOf`. */
function localMonths(facts: HrssPointsFacts, insurance: Insurance, asOf: AsOf): number {
  const runs = facts.insuranceContributions.filter((c) => c.insurance === insurance && c.origin === 'paid-in-guangzhou');
  return monthsPaid(runs, asOf, `${insurance} contribution`);
}

const currentJobs = (facts: HrssPointsFacts, asOf: AsOf) => facts.employments.filter((job) => holdsOn(job, asOf, 'employment'));

const CALCULATORS: IndicatorCalculators<'hrss', HrssPointsFacts> = {
  'social-insurance': (params, facts, asOf) => {
    const perType = params.insurances.map((insurance) => ({ insurance, years: wholeYears(localMonths(facts, insurance, asOf)) }));
    return {
      value: `${perType.map((t) => `${INSURANCE_NAMES[t.insurance]} ${years(t.years)}`).join(', ')} paid in Guangzhou`,
      points: perType.reduce((sum, t) => sum + t.years * params.pointsPerTypePerYear, 0),
      capApplied: false,
    };
  },

  'technical-ability': (params, facts, asOf) => {
    const held = facts.qualifications
      .filter((q) => dayOfDate(q.awardedOn, 'qualification awardedOn') <= asOf.day)
      .map((q) => {
        const level = qualificationLevel(q);
        // The 2014 settlement table has no in-trade bonus: working in the trade then earns nothing.
        const bonus = q.worksInThatTrade ? (params.inTradeBonus ?? 0) : 0;
        return { level, bonus, describe: `${QUALIFICATION_NAMES[level]}${bonus > 0 ? ', working in that trade' : ''}` };
      });
    return bestLevel(params.levels, held, 'no title or certificate that scores');
  },

  'high-tech-employer': (params, facts, asOf) => {
    const spans = facts.employments.filter((job) => job.highTechOrRnd).map((job) => spanOf(job, 'employment'));
    return perCompletedYear(wholeYears(monthsCovered(spans, asOf)), params.pointsPerYear, params.cap, 'at a high-tech or R&D employer');
  },

  'needed-occupation': (params, facts, asOf) => {
    const needed = currentJobs(facts, asOf).some((job) => job.neededOccupation);
    return {
      value: needed ? "current occupation is in the city's catalogue of needed trades" : "no current occupation in the city's catalogue",
      points: needed ? params.points : 0,
      capApplied: false,
    };
  },

  // POINTS.md: 10, then +5 per year, "+20" — read as: 10 for working frontline in a hard sector on
  // the as-of date, plus 5 per completed year of such work, the yearly part capped at 20.
  'frontline-hard-sector': (params, facts, asOf) => {
    const inSector = (job: { frontlineHardSector: HardSector | null }) =>
      job.frontlineHardSector !== null && params.sectors.includes(job.frontlineHardSector);
    const current = currentJobs(facts, asOf).find(inSector);
    if (!current?.frontlineHardSector) return { value: 'not working frontline in a hard sector', points: 0, capApplied: false };
    const served = wholeYears(monthsCovered(facts.employments.filter(inSector).map((job) => spanOf(job, 'employment')), asOf));
    const yearly = capped(served * params.pointsPerYear, params.perYearCap);
    return {
      value: `frontline work in ${words(current.frontlineHardSector)} for ${years(served)}`,
      points: params.points + yearly.points,
      capApplied: yearly.capApplied,
    };
  },
};

const CHECKERS: ConditionCheckers<'hrss', HrssPointsFacts> = {
  // Legal stable employment (seed §8 合法稳定就业). Business registration, the other way to meet it,
  // is market-regulation data not modelled yet.
  'employed-in-guangzhou': (_params, facts, asOf) => {
    const employed = currentJobs(facts, asOf).length > 0;
    return { met: employed, reason: employed ? 'employed in Guangzhou on the as-of date' : 'no employment in Guangzhou on the as-of date' };
  },

  'social-insurance-years': (params, facts, asOf) => {
    const needed = params.years * 12;
    const months = params.insurances.map((insurance) => ({ insurance, months: localMonths(facts, insurance, asOf) }));
    const short = months.filter((m) => m.months < needed);
    // The reason names which insurances fall short, never their months: the contribution record is
    // HRSS's own, and the ranking carries only the one count the rule set ranks by.
    const listed = (list: typeof months) => list.map((m) => INSURANCE_NAMES[m.insurance]).join(', ');
    return {
      met: short.length === 0,
      reason:
        short.length === 0 ? `${listed(months)}: each paid in Guangzhou for at least the ${years(params.years)} needed`
        : `${listed(short)}: paid in Guangzhou for less than the ${years(params.years)} needed (months transferred in or back-paid do not count)`,
      rankingValues: { 'medical-insurance-months': localMonths(facts, 'medical', asOf) },
    };
  },
};

/** HRSS's indicators of `ruleSet` for one person on `asOf`. */
export function hrssIndicators(ruleSet: RuleSet, facts: HrssPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('hrss', CALCULATORS, ruleSet, facts, asOf);
}

/** HRSS's conditions of `ruleSet` (employment, years of social insurance) for one person on `asOf`. */
export function hrssConditions(ruleSet: RuleSet, facts: HrssPointsFacts, asOf: IsoDate): ConditionResult[] {
  return answerConditions('hrss', CHECKERS, ruleSet, facts, asOf);
}
