import { addYears, dayOf, iso, REFERENCE_DAY, yearOf, type Day } from '../../population/dates.js';
import type { DemoUnit } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { Weighted, type Random } from '../../population/random.js';
import type { AssistanceNow } from './assistance.js';
import type { award, awardLevel, elderlyCare, volunteerHours } from './tables.js';

/** Elderly care, registered volunteering and awards for the people of one unit. */

type ElderlyCareInsert = typeof elderlyCare.$inferInsert;
type VolunteerHoursInsert = typeof volunteerHours.$inferInsert;
type AwardInsert = typeof award.$inferInsert;
type AwardLevel = (typeof awardLevel.enumValues)[number];

// ---- Elderly care ------------------------------------------------------------------------------

/**
 * Guangzhou's old-age allowance (长寿保健金) for registered residents: ¥30 a month from 70, ¥100 from
 * 80, ¥200 from 90, ¥300 from 100 (the city's published rates). One row per rate period.
 */
const ALLOWANCE_BANDS: ReadonlyArray<readonly [fromAge: number, monthlyFen: number]> = [[70, 3_000], [80, 10_000], [90, 20_000], [100, 30_000]];
/** Nearly everyone entitled claims it (the street office enrols people as they turn 70). */
const ALLOWANCE_TAKE_UP = 0.97;
/** The bureau's current system holds rate periods from 2016 on (an assumption: earlier periods are archived). */
const CARE_RECORDS_FROM = dayOf(2016, 1, 1);

/**
 * Home-care service subsidies (居家养老服务资助) go first to older people on 低保 or in low-income
 * families, then to the very old with assessed needs; care homes take about 4% of people over 80
 * (Guangzhou had some 70,000 care-home beds for 1.9 million registered residents over 60, most beds
 * held by the oldest). Monthly subsidy by assessed need level: ¥200, ¥300 or ¥400 (assumed levels).
 */
const HOME_CARE_AMOUNTS = new Weighted([[20_000, 50], [30_000, 35], [40_000, 15]] as const);
function placementChance(age: number): number {
  return age >= 80 ? 0.04 : age >= 70 ? 0.01 : age >= 60 ? 0.002 : 0;
}
function homeCareChance(age: number, assisted: boolean): number {
  if (age < 60) return 0;
  if (assisted) return 0.5;
  return age >= 80 ? 0.06 : age >= 70 ? 0.015 : 0.003;
}

function elderlyCareOf(random: Random, who: Individual, assisted: boolean, rows: ElderlyCareInsert[]): void {
  if (who.profile === 'migrant' || who.age < 60) return;
  const registered = who.registeredSince;

  if (who.age >= 70 && random.chance(ALLOWANCE_TAKE_UP)) {
    ALLOWANCE_BANDS.forEach(([fromAge, monthlyFen], i) => {
      const from = addYears(who.birth, fromAge);
      if (from > REFERENCE_DAY) return;
      const next = ALLOWANCE_BANDS[i + 1];
      const to = next ? addYears(who.birth, next[0]) - 1 : null;
      const since = Math.max(from, CARE_RECORDS_FROM, registered);
      if (to !== null && since > to) return;
      if (since > REFERENCE_DAY) return;
      rows.push({ citizenId: who.citizenId, kind: 'old_age_allowance', since: iso(since), until: to !== null && to < REFERENCE_DAY ? iso(to) : null, monthlyAmountFen: monthlyFen });
    });
  }

  const earliest = Math.max(addYears(who.birth, 60), CARE_RECORDS_FROM, registered);
  let placedOn: Day | null = null;
  if (random.chance(placementChance(who.age))) {
    // Placements are recent: people go into a care home in their last years.
    const from = Math.max(earliest, addYears(who.birth, 65), REFERENCE_DAY - 8 * 365);
    if (from < REFERENCE_DAY) placedOn = random.int(from, REFERENCE_DAY - 1);
  }
  if (random.chance(homeCareChance(who.age, assisted))) {
    const latest = (placedOn ?? REFERENCE_DAY) - 30;
    if (earliest < latest) {
      const since = random.int(earliest, latest);
      // Home care ends when the person moves into a care home, or sometimes when needs are reassessed.
      const until = placedOn !== null ? placedOn - 1 : random.chance(0.15) ? random.int(since + 30, REFERENCE_DAY) : null;
      rows.push({ citizenId: who.citizenId, kind: 'home_care_subsidy', since: iso(since), until: until === null ? null : iso(until), monthlyAmountFen: random.weighted(HOME_CARE_AMOUNTS) });
    }
  }
  if (placedOn !== null) rows.push({ citizenId: who.citizenId, kind: 'institution_placement', since: iso(placedOn), until: null, monthlyAmountFen: null });
}

// ---- Volunteering --------------------------------------------------------------------------------

/**
 * Guangzhou's volunteer platform counts about four million registered volunteers for some 18.8
 * million residents (a little over a fifth), most of them students and young adults; schools ask
 * pupils from 14 for service hours. The platform records hours from 2013.
 */
const VOLUNTEERING_FROM = dayOf(2013, 1, 1);
function registersAsVolunteer(age: number): number {
  return age < 14 ? 0 : age < 25 ? 0.35 : age < 45 ? 0.22 : age < 60 ? 0.15 : age < 75 ? 0.1 : 0;
}
/** In a given year fewer than half of the registered log any hours; most who do log a few, a tail logs hundreds. */
const ACTIVE_IN_YEAR = 0.45;

function volunteering(random: Random, who: Individual, rows: VolunteerHoursInsert[]): number {
  if (!random.chance(registersAsVolunteer(who.age))) return 0;
  const joined = random.int(Math.max(VOLUNTEERING_FROM, addYears(who.birth, 14), who.migrant ? who.registeredSince : 0), REFERENCE_DAY);
  // Some people volunteer much more than others, year after year.
  const median = random.logNormal(8, 0.8);
  let most = 0;
  for (let year = yearOf(joined); year <= yearOf(REFERENCE_DAY); year++) {
    if (!random.chance(ACTIVE_IN_YEAR)) continue;
    // The running year is counted to the reference date.
    const share = year === yearOf(REFERENCE_DAY) ? (REFERENCE_DAY - dayOf(year, 1, 1)) / 365 : 1;
    const hours = Math.round(Math.min(600, random.logNormal(median, 0.9)) * share * 2) / 2;
    if (hours <= 0) continue;
    rows.push({ citizenId: who.citizenId, year, hours });
    most = Math.max(most, hours);
  }
  return most;
}

// ---- Awards --------------------------------------------------------------------------------------

/**
 * About one working adult in seventy holds a commendation, most from a district or a city agency, a
 * few from the city, the province or the nation; committed volunteers more often (优秀志愿者).
 */
const AWARD_LEVELS = new Weighted<AwardLevel>([['city_agency_or_district', 75], ['city', 18], ['provincial', 5], ['national', 2]]);

interface Title {
  title: string;
  by: string;
  only?: 'female' | 'migrant' | 'volunteer';
}
const TITLES: Record<AwardLevel, (district: string) => Title[]> = {
  national: () => [
    { title: '全国劳动模范', by: '中共中央、国务院' },
    { title: '全国先进工作者', by: '中共中央、国务院' },
    { title: '全国五一劳动奖章', by: '中华全国总工会' },
    { title: '全国三八红旗手', by: '全国妇女联合会', only: 'female' },
    { title: '全国优秀志愿者', by: '中央精神文明建设指导委员会办公室', only: 'volunteer' },
  ],
  provincial: () => [
    { title: '广东省劳动模范', by: '广东省人民政府' },
    { title: '广东省五一劳动奖章', by: '广东省总工会' },
    { title: '广东省三八红旗手', by: '广东省妇女联合会', only: 'female' },
    { title: '广东省优秀志愿者', by: '广东省志愿者联合会', only: 'volunteer' },
  ],
  city: () => [
    { title: '广州市劳动模范', by: '广州市人民政府' },
    { title: '广州市五一劳动奖章', by: '广州市总工会' },
    { title: '广州市三八红旗手', by: '广州市妇女联合会', only: 'female' },
    { title: '广州市优秀来穗人员', by: '广州市来穗人员服务管理局', only: 'migrant' },
    { title: '广州市优秀志愿者', by: '广州市志愿者协会', only: 'volunteer' },
  ],
  city_agency_or_district: (district) => [
    { title: `${district}先进工作者`, by: `${district}人民政府` },
    { title: '市直机关优秀共产党员', by: '中共广州市直属机关工作委员会' },
    { title: `${district}优秀来穗人员`, by: `${district}来穗人员服务管理局`, only: 'migrant' },
    { title: `${district}优秀志愿者`, by: `共青团${district}委员会`, only: 'volunteer' },
  ],
};

function awards(random: Random, who: Individual, district: string, mostHours: number, rows: AwardInsert[]): void {
  if (who.age < 22) return;
  const worked = who.work.jobs.length > 0 || who.work.retired;
  const volunteer = mostHours >= 100;
  const chance = (worked ? 0.015 : 0.003) + (volunteer ? 0.08 : 0);
  if (!random.chance(chance)) return;
  // Awarded in Guangzhou, so after a migrant came; from 22 on.
  const earliest = Math.max(addYears(who.birth, 22), who.migrant ? who.registeredSince : 0);
  const count = random.chance(0.1) ? 2 : 1;
  for (let n = 0; n < count; n++) {
    const level = random.weighted(AWARD_LEVELS);
    const fits = TITLES[level](district).filter(
      (t) => !t.only || (t.only === 'female' ? who.sex === 'female' : t.only === 'migrant' ? who.migrant : volunteer),
    );
    const { title, by } = random.pick(fits);
    rows.push({ citizenId: who.citizenId, level, title, awardedBy: by, awardedOn: iso(random.int(Math.min(earliest, REFERENCE_DAY), REFERENCE_DAY)) });
  }
}

/** Elderly care, volunteering and awards for every person of the unit. */
export function careAndService(
  unit: DemoUnit,
  assisted: AssistanceNow,
  rows: { elderlyCare: ElderlyCareInsert[]; volunteerHours: VolunteerHoursInsert[]; award: AwardInsert[] },
): void {
  const { random } = unit;
  for (const who of unit.people) {
    elderlyCareOf(random, who, assisted !== null, rows.elderlyCare);
    const mostHours = volunteering(random, who, rows.volunteerHours);
    awards(random, who, unit.district.name, mostHours, rows.award);
  }
}
