/**
 * Migrant Population Service Bureau (市来穗人员服务管理局): the residence permit, the carrier of
 * the points (seed §8 以居住证为载体).
 */
import { dayAfter, dayOfDate, monthsCovered, wholeYears, type AsOf, type Span } from '../calendar.js';
import type { RuleSet } from '../rule-set.js';
import type { ConditionResult, IndicatorResult, IsoDate } from '../types.js';
import { answerConditions, answerIndicators, type ConditionCheckers, type IndicatorCalculators } from './answer.js';
import { perCompletedYear } from './counting.js';

/**
 * One residence permit issued or endorsed in Guangzhou. A permit is valid for a year at a time and
 * stays valid by its yearly endorsement (签注): `validUntil` is the last valid day after the latest
 * endorsement. A permit that lapsed and was taken up again is a new record, so each record is one
 * unbroken period of holding.
 */
export interface ResidencePermitFact {
  issuedOn: IsoDate;
  /** Last valid day (inclusive). */
  validUntil: IsoDate;
  /** The day it was cancelled (注销), e.g. on leaving the city; it is not valid from that day on. */
  cancelledOn: IsoDate | null;
}

export interface MigrantServicesPointsFacts {
  residencePermits: ResidencePermitFact[];
}

function heldSpan(permit: ResidencePermitFact): Span {
  const from = dayOfDate(permit.issuedOn, 'residence permit issuedOn');
  const expires = dayAfter(dayOfDate(permit.validUntil, 'residence permit validUntil'));
  const cancelled = permit.cancelledOn === null ? Number.POSITIVE_INFINITY : dayOfDate(permit.cancelledOn, 'residence permit cancelledOn');
  return { from, until: Math.min(expires, cancelled) };
}

const monthsHeld = (facts: MigrantServicesPointsFacts, asOf: AsOf) => monthsCovered(facts.residencePermits.map(heldSpan), asOf);

/** Why no permit is valid on the as-of date, from the latest one issued by then. */
function notValidReason(facts: MigrantServicesPointsFacts, asOf: AsOf): string {
  const issued = facts.residencePermits
    .filter((permit) => dayOfDate(permit.issuedOn, 'residence permit issuedOn') <= asOf.day)
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
  const latest = issued.at(-1);
  if (!latest) return 'no residence permit had been issued by the as-of date';
  if (latest.cancelledOn !== null && latest.cancelledOn <= asOf.iso) return 'the residence permit had been cancelled by the as-of date';
  return 'the residence permit had lapsed by the as-of date (not endorsed in time)';
}

const CALCULATORS: IndicatorCalculators<'migrant-services', MigrantServicesPointsFacts> = {
  'residence-permit': (params, facts, asOf) =>
    perCompletedYear(wholeYears(monthsHeld(facts, asOf)), params.pointsPerYear, null, 'holding a Guangzhou residence permit'),
};

const CHECKERS: ConditionCheckers<'migrant-services', MigrantServicesPointsFacts> = {
  'valid-residence-permit': (_params, facts, asOf) => {
    const valid = facts.residencePermits.some((permit) => {
      const span = heldSpan(permit);
      return span.from <= asOf.day && asOf.day < span.until;
    });
    return {
      met: valid,
      reason: valid ? 'a Guangzhou residence permit was valid on the as-of date' : notValidReason(facts, asOf),
      rankingValues: { 'residence-permit-months': monthsHeld(facts, asOf) },
    };
  },
};

/** Migrant-services' indicators of `ruleSet` for one person on `asOf`. */
export function migrantServicesIndicators(ruleSet: RuleSet, facts: MigrantServicesPointsFacts, asOf: IsoDate): IndicatorResult[] {
  return answerIndicators('migrant-services', CALCULATORS, ruleSet, facts, asOf);
}

/** Migrant-services' conditions of `ruleSet` (a valid residence permit) for one person on `asOf`. */
export function migrantServicesConditions(ruleSet: RuleSet, facts: MigrantServicesPointsFacts, asOf: IsoDate): ConditionResult[] {
  return answerConditions('migrant-services', CHECKERS, ruleSet, facts, asOf);
}
