/** Education Bureau (市教育局): the highest education level attained (seed §8 文化程度). */
import { dayOfDate } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { IndicatorResult, IsoDate } from '../types.js';
import type { EducationLevel } from '../vocabulary.js';
import { words } from '../wording.js';
import { answerIndicators, type IndicatorCalculators } from './answer.js';
import { bestLevel } from './counting.js';

export interface EducationPointsFacts {
  /** Levels attained, with the date of each award; the highest attained by the as-of date counts. */
  attainments: { level: EducationLevel; awardedOn: IsoDate }[];
}

const CALCULATORS: IndicatorCalculators<'education', EducationPointsFacts> = {
  education: (params, facts, asOf) => {
    const held = facts.attainments
      .filter((a) => dayOfDate(a.awardedOn, 'attainment awardedOn') <= asOf.day)
      .map((a) => ({ level: a.level, bonus: 0, describe: words(a.level) }));
    return bestLevel(params.levels, held, 'no level that scores');
  },
};

/** Education's indicators of `ruleSet` for one person on `asOf`. */
export function educationIndicators(ruleSet: RuleSet, facts: EducationPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('education', CALCULATORS, ruleSet, facts, asOf);
}
