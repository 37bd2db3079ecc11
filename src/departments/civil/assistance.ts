import { addYears, dayOf, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import type { DemoUnit } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import type { Random } from '../../population/random.js';
import type { lowIncomeFamily, subsistenceAllowance } from './tables.js';

/**
 * Social assistance for one registered family household: a means test on the income the other
 * departments' generators left on its members (work income from HRSS, pensions estimated here),
 * then 低保 or a low-income determination for a share of the households under each line, and a
 * history of cases that ended or were refused. 低保 is tied to the hukou: migrants and collective
 * households get none here.
 */

type SubsistenceInsert = typeof subsistenceAllowance.$inferInsert;
type LowIncomeInsert = typeof lowIncomeFamily.$inferInsert;

/** Guangzhou's 低保 line from 2024: ¥1,368 per person per month, urban and rural alike. */
export const SUBSISTENCE_LINE_YUAN = 1368;
/** A low-income family (低收入家庭) has an income per head under 1.5 times the 低保 line (Guangzhou's measures). */
export const LOW_INCOME_LINE_YUAN = 1.5 * SUBSISTENCE_LINE_YUAN;

/**
 * Cases kept from the Interim Measures for Social Assistance (社会救助暂行办法, 1 May 2014), which
 * the current case system was built for. Amounts of cases that ended are shown at today's line (the
 * lower lines of earlier years are not modelled).
 */
const RECORDS_FROM = dayOf(2014, 5, 1);

/**
 * Monthly income (yuan) a person brings to the household. Employee pensions in Guangzhou average
 * about ¥4,000–4,500 a month; the urban and rural residents' pension (城乡居民养老保险) of people
 * who never paid as employees is about ¥1,000 from 60.
 */
const RESIDENT_PENSION_YUAN = 1000;
function monthlyIncome(random: Random, who: Individual): number {
  if (who.work.income > 0) return who.work.income / 12;
  if (who.work.retired && who.work.insured) return Math.max(1800, random.logNormal(4200, 0.3));
  return who.age >= 60 ? RESIDENT_PENSION_YUAN : 0;
}

/**
 * Shares of households under each line that hold the status (the rest have assets over the limit,
 * support from relatives outside the household, or never apply). Tuned so that about 0.4% of the
 * registered population is on 低保 and a little more is in low-income families: Guangzhou had about
 * 40,000 people on 低保 among ten million registered residents in 2023 (0.3–0.5%).
 */
const SUBSISTENCE_TAKE_UP = 0.12;
const LOW_INCOME_TAKE_UP = 0.22;
/**
 * Households near the line that had 低保 or a low-income determination once and left it (income
 * rose, a member found work): over a dozen years of records about one and a half times as many
 * people as hold each status now.
 */
const PAST_SUBSISTENCE = 0.03;
const PAST_LOW_INCOME = 0.045;
/** Households that applied and were refused after the means test. */
const REFUSED = 0.004;
/** Of the households entitled now, those whose application is still under review. */
const UNDER_REVIEW = 0.06;

/** What the household receives now, for the elderly-care subsidies that follow from it. */
export type AssistanceNow = 'subsistence' | 'low_income' | null;

interface Case {
  appliedOn: Day;
  decidedOn: Day | null;
  since: Day | null;
  until: Day | null;
  status: 'applied' | 'granted' | 'ended' | 'refused';
}

/** The review takes two to six weeks (the measures allow 30 working days); payment runs from the decision. */
const decided = (random: Random, applied: Day): Day => applied + random.int(14, 45);

function grantedCase(random: Random, earliest: Day): Case | null {
  const latest = REFERENCE_DAY - 60;
  if (earliest > latest) return null;
  const appliedOn = random.int(earliest, latest);
  const decidedOn = decided(random, appliedOn);
  return { appliedOn, decidedOn, since: decidedOn, until: null, status: 'granted' };
}

function pendingCase(random: Random): Case {
  return { appliedOn: REFERENCE_DAY - random.int(1, 45), decidedOn: null, since: null, until: null, status: 'applied' };
}

/** A case granted and ended before `before`: spells of months to several years. */
function endedCase(random: Random, earliest: Day, before: Day): Case | null {
  const latest = before - 2 * 365;
  if (earliest > latest) return null;
  const appliedOn = random.int(earliest, latest);
  const since = decided(random, appliedOn);
  const until = Math.min(before - 30, since + random.int(120, 6 * 365));
  return until <= since ? null : { appliedOn, decidedOn: since, since, until, status: 'ended' };
}

function refusedCase(random: Random, earliest: Day, before: Day): Case | null {
  const latest = before - 60;
  if (earliest > latest) return null;
  const appliedOn = random.int(earliest, latest);
  return { appliedOn, decidedOn: decided(random, appliedOn), since: null, until: null, status: 'refused' };
}

/** The members a case covers: those born and registered in the household when it applied. */
const coveredBy = (people: readonly Individual[], c: Case) => people.filter((p) => p.birth <= c.appliedOn && p.registeredSince <= c.appliedOn);

export function assistance(
  unit: DemoUnit,
  rows: { subsistenceAllowance: SubsistenceInsert[]; lowIncomeFamily: LowIncomeInsert[] },
): AssistanceNow {
  const householdId = unit.household.id;
  if (unit.kind !== 'family' || householdId === null || unit.people.length === 0) return null;
  const { random, people } = unit;
  const perHead = people.reduce((sum, who) => sum + monthlyIncome(random, who), 0) / people.length;
  const earliest = Math.max(RECORDS_FROM, unit.establishedOn, Math.min(...people.map((p) => addYears(p.birth, 18))));

  // One row per member a case covers, as both tables keep them.
  const memberRows = (c: Case) => {
    const members = coveredBy(people, c);
    const day = (d: Day | null) => (d === null ? null : iso(d));
    return members.map((who) => ({
      citizenId: who.citizenId, householdId, householdSize: members.length, status: c.status, appliedOn: iso(c.appliedOn),
      decidedOn: day(c.decidedOn), since: day(c.since), until: day(c.until),
    }));
  };
  const subsistence = (c: Case | null, perHeadThen: number) => {
    if (!c) return;
    const members = memberRows(c);
    const paid = c.status === 'granted' || c.status === 'ended';
    // 低保 tops the household up to the line: (line − income per head) × members.
    const monthlyAmountFen = paid ? Math.round(Math.max(0, SUBSISTENCE_LINE_YUAN - perHeadThen) * members.length) * 100 : null;
    for (const row of members) rows.subsistenceAllowance.push({ ...row, monthlyAmountFen });
  };
  const lowIncome = (c: Case | null) => {
    if (c) rows.lowIncomeFamily.push(...memberRows(c));
  };

  let now: AssistanceNow = null;
  let current: Case | null = null;
  if (perHead < SUBSISTENCE_LINE_YUAN && random.chance(SUBSISTENCE_TAKE_UP)) {
    current = random.chance(UNDER_REVIEW) ? pendingCase(random) : grantedCase(random, earliest);
    if (current?.status === 'granted') now = 'subsistence';
    subsistence(current, perHead);
  } else if (perHead >= SUBSISTENCE_LINE_YUAN && perHead < LOW_INCOME_LINE_YUAN && random.chance(LOW_INCOME_TAKE_UP)) {
    current = random.chance(UNDER_REVIEW) ? pendingCase(random) : grantedCase(random, earliest);
    if (current?.status === 'granted') now = 'low_income';
    lowIncome(current);
  }

  // The history, going back from the current case: spells that ended and refusals, none overlapping another.
  let before = current ? current.appliedOn : REFERENCE_DAY;
  const earlier = (c: Case | null): Case | null => {
    if (c) before = c.appliedOn;
    return c;
  };
  const nearLine = perHead < 2.5 * SUBSISTENCE_LINE_YUAN;
  if (nearLine && random.chance(PAST_SUBSISTENCE)) subsistence(earlier(endedCase(random, earliest, before)), random.next() * 0.9 * SUBSISTENCE_LINE_YUAN);
  if (nearLine && random.chance(PAST_LOW_INCOME)) lowIncome(earlier(endedCase(random, earliest, before)));
  if (perHead < 4 * SUBSISTENCE_LINE_YUAN && random.chance(REFUSED)) {
    const refused = earlier(refusedCase(random, earliest, before));
    if (random.chance(0.5)) subsistence(refused, perHead);
    else lowIncome(refused);
  }
  return now;
}
