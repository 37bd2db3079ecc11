/**
 * # Points and settlement engine (seed §4 积分制入户, §8 居住证积分)
 *
 * Pure functions; the only input from outside is the rule-set files in rules/ (read by
 * rules/index.ts, `loadRuleSets()`, once at start-up). No GraphQL, no database.
 *
 * ## Rule sets are data
 *
 * One YAML file per version (rules/services-2021.yaml, rules/settlement-2014.yaml, …) with its
 * validity period and a confidence for every value (POINTS.md: A official, B two secondary copies,
 * U unverified — every answer lists the U values it used). The loader refuses a file with anything
 * unexpected, and refuses the whole set if two versions of a kind overlap. Pick a version with
 * `registry.ruleSetInForce(kind, asOf)` (the normal case: the rules of that date) or
 * `registry.ruleSetById(id)` (an explicit version; assessments then say whether it was in force).
 *
 * ## How a department's subgraph uses it
 *
 * Each department computes only its own indicators, from facts only it holds, and exposes them as a
 * derived field keyed by (citizenId, asOf), e.g. in the hrss subgraph:
 *
 *     type PointsAnswer @key(fields: "citizenId asOf") {
 *       citizenId: ID!  asOf: Date!
 *       hrssIndicators: [IndicatorResult!]!    # hrssIndicators(ruleSet, facts, asOf)
 *       hrssConditions: [ConditionResult!]!    # hrssConditions(ruleSet, facts, asOf)
 *     }
 *
 * where `ruleSet = registry.ruleSetInForce(kind, asOf)` and `facts` is the narrow HrssPointsFacts read
 * from its own tables. The results carry no raw sensitive value (a tax band, never the amount), so the
 * field can be granted as `derived` to migrant-services and to the applicant. The migrant-services
 * subgraph then owns the assessment fields, which declare
 * `@requires(fields: "hrssIndicators { … } taxIndicators { … } …")` and call `assessPoints` /
 * `assessSettlement` with the concatenated results. A department that cannot answer (down, no grant)
 * simply contributes no results: the assessment names it in `missing` and leaves the total, the tier
 * or `eligible` null instead of counting it as zero.
 *
 * Department functions (facts types beside them): migrantServicesIndicators/Conditions,
 * housingIndicators, hrssIndicators/Conditions, publicSecurityIndicators/Conditions,
 * educationIndicators, healthIndicators, civilAffairsIndicators, taxIndicators,
 * developmentReformIndicators.
 */
export type { ConditionResult, Confidence, IndicatorKind, IndicatorResult, IsoDate, IsoMonth, RuleSetKind, RuleText } from './types.js';
export type { Department, IndicatorId, ConditionId } from './catalogue.js';
export { DEPARTMENTS } from './catalogue.js';
export { RULE_SET_KINDS } from './types.js';
export { parseRuleSet, RuleSetError } from './rule-set.js';
export type { RuleSet, ServicesRuleSet, SettlementRuleSet, TierDefinition } from './rule-set.js';
export { createRuleSetRegistry, isInForce, NoRuleSetInForceError } from './registry.js';
export type { RuleSetRegistry, RuleSetSource } from './registry.js';
export { assessPoints, assessSettlement } from './assess.js';
export type { MissingAnswer, PointsAssessment, SettlementAssessment, TierAssessment, UnverifiedValue } from './assess.js';

export { migrantServicesConditions, migrantServicesIndicators } from './indicators/migrant-services.js';
export type { MigrantServicesPointsFacts, ResidencePermitFact } from './indicators/migrant-services.js';
export { housingIndicators } from './indicators/housing.js';
export type { DwellingFact, HousingPointsFacts } from './indicators/housing.js';
export { hrssConditions, hrssIndicators } from './indicators/hrss.js';
export type { EmploymentFact, HrssPointsFacts, InsuranceContributionFact, QualificationFact } from './indicators/hrss.js';
export { publicSecurityConditions, publicSecurityIndicators } from './indicators/public-security.js';
export type { CriminalPunishmentFact, PublicSecurityPointsFacts } from './indicators/public-security.js';
export { educationIndicators } from './indicators/education.js';
export type { EducationPointsFacts } from './indicators/education.js';
export { healthIndicators } from './indicators/health.js';
export type { HealthPointsFacts } from './indicators/health.js';
export { civilAffairsIndicators } from './indicators/civil-affairs.js';
export type { CivilAffairsPointsFacts } from './indicators/civil-affairs.js';
export { taxIndicators } from './indicators/tax.js';
export type { TaxPointsFacts } from './indicators/tax.js';
export { developmentReformIndicators } from './indicators/development-reform.js';
export type { DevelopmentReformPointsFacts } from './indicators/development-reform.js';
export type { MonthRun } from './calendar.js';
export { DEPARTMENT_ANSWERS, isPointsDepartment } from './department-answers.js';
export type { DepartmentAnswers, PointsFactsByDepartment } from './department-answers.js';
