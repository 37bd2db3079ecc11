import type { Department } from './catalogue.js';
import type { RuleSet } from './rule-set.js';
import type { ConditionResult, IndicatorResult, IsoDate } from './types.js';
import { civilAffairsIndicators, type CivilAffairsPointsFacts } from './indicators/civil-affairs.js';
import { developmentReformIndicators, type DevelopmentReformPointsFacts } from './indicators/development-reform.js';
import { educationIndicators, type EducationPointsFacts } from './indicators/education.js';
import { healthIndicators, type HealthPointsFacts } from './indicators/health.js';
import { housingIndicators, type HousingPointsFacts } from './indicators/housing.js';
import { hrssConditions, hrssIndicators, type HrssPointsFacts } from './indicators/hrss.js';
import { migrantServicesConditions, migrantServicesIndicators, type MigrantServicesPointsFacts } from './indicators/migrant-services.js';
import { publicSecurityConditions, publicSecurityIndicators, type PublicSecurityPointsFacts } from './indicators/public-security.js';
import { taxIndicators, type TaxPointsFacts } from './indicators/tax.js';

/** The facts each department computes its answers from. */
export interface PointsFactsByDepartment {
  'civil-affairs': CivilAffairsPointsFacts;
  'development-reform': DevelopmentReformPointsFacts;
  education: EducationPointsFacts;
  health: HealthPointsFacts;
  housing: HousingPointsFacts;
  hrss: HrssPointsFacts;
  'migrant-services': MigrantServicesPointsFacts;
  'public-security': PublicSecurityPointsFacts;
  tax: TaxPointsFacts;
}

type Answer<R, D extends Department> = (ruleSet: RuleSet, facts: PointsFactsByDepartment[D], asOf: IsoDate) => R[];

/** What one department answers: its indicators, and its conditions where the rule sets name any. */
export interface DepartmentAnswers<D extends Department> {
  indicators: Answer<IndicatorResult, D>;
  conditions?: Answer<ConditionResult, D>;
}

/**
 * Each department's answer functions, by its code: how a department's subgraph finds what to
 * compute from its own facts. The owners come from the catalogue, so every department it names
 * has an entry here (the type says so).
 */
export const DEPARTMENT_ANSWERS: { [D in Department]: DepartmentAnswers<D> } = {
  'civil-affairs': { indicators: civilAffairsIndicators },
  'development-reform': { indicators: developmentReformIndicators },
  education: { indicators: educationIndicators },
  health: { indicators: healthIndicators },
  housing: { indicators: housingIndicators },
  hrss: { indicators: hrssIndicators, conditions: hrssConditions },
  'migrant-services': { indicators: migrantServicesIndicators, conditions: migrantServicesConditions },
  'public-security': { indicators: publicSecurityIndicators, conditions: publicSecurityConditions },
  tax: { indicators: taxIndicators },
};

export const isPointsDepartment = (code: string): code is Department => Object.hasOwn(DEPARTMENT_ANSWERS, code);
