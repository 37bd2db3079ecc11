import { addYears, ageOn, dayOf, iso, REFERENCE_DAY, yearOf, type Day } from '../../population/dates.js';
import type { DemoRows } from '../../population/demo-data.js';
import type { EducationLevel, Individual, SchoolingFacts } from '../../population/model.js';
import { Random, Weighted } from '../../population/random.js';
import { institutionFor, schoolFor, type School } from './schools.js';
import { enrolment, learner, type migrantChildSchooling, type schoolStage } from './tables.js';

/**
 * Education slice: attainment for everyone from 3, enrolments for children and students, and
 * migrant children's schooling (§11.1). Stages follow the school calendar: a child enters primary
 * school in the September after turning 6 by 31 August, junior secondary six years later, and so on.
 */

export const SCHOOLING_TABLES = { learner, enrolment };
type SchoolingRows = DemoRows<typeof SCHOOLING_TABLES>;
type SchoolStage = (typeof schoolStage.enumValues)[number];

const SCHOOL_YEAR = yearOf(REFERENCE_DAY) - (REFERENCE_DAY < dayOf(yearOf(REFERENCE_DAY), 9, 1) ? 1 : 0);
const AGE_CUTOFF = dayOf(SCHOOL_YEAR, 8, 31);
const september = (year: number): Day => dayOf(year, 9, 1);
const july = (year: number): Day => dayOf(year, 7, 10);

/** Typical age on leaving with each level; a later start or a repeated year adds one. */
const COMPLETION_AGE: Record<EducationLevel, number> = {
  none: 0, primary: 12, junior_secondary: 15, senior_secondary: 18, secondary_vocational: 18,
  associate: 21, bachelor: 22, master: 25, doctorate: 28,
};
const LEVELS_BY_COMPLETION = (Object.keys(COMPLETION_AGE) as EducationLevel[]).sort((a, b) => COMPLETION_AGE[b] - COMPLETION_AGE[a]);

type Mix = Array<[EducationLevel, number]>;
const mix = (entries: Mix) => new Weighted(entries);

// Adult attainment by birth cohort, shaped after the 2020 census for Guangzhou (27 residents in 100
// with college education, far fewer among migrant workers and the elderly).
const ATTAINMENT = {
  native: [
    [1955, mix([['none', 12], ['primary', 30], ['junior_secondary', 28], ['senior_secondary', 18], ['secondary_vocational', 4], ['associate', 4], ['bachelor', 4]])],
    [1970, mix([['none', 3], ['primary', 15], ['junior_secondary', 32], ['senior_secondary', 25], ['secondary_vocational', 8], ['associate', 8], ['bachelor', 8], ['master', 1]])],
    [1985, mix([['primary', 4], ['junior_secondary', 22], ['senior_secondary', 22], ['secondary_vocational', 12], ['associate', 16], ['bachelor', 20], ['master', 3.5], ['doctorate', 0.5]])],
    [9999, mix([['primary', 1], ['junior_secondary', 8], ['senior_secondary', 12], ['secondary_vocational', 12], ['associate', 22], ['bachelor', 35], ['master', 8.5], ['doctorate', 1.5]])],
  ],
  settler: [
    [1955, mix([['primary', 10], ['junior_secondary', 25], ['senior_secondary', 25], ['associate', 15], ['bachelor', 22], ['master', 3]])],
    [9999, mix([['senior_secondary', 8], ['secondary_vocational', 5], ['associate', 22], ['bachelor', 45], ['master', 16], ['doctorate', 4]])],
  ],
  talent: [[9999, mix([['associate', 5], ['bachelor', 40], ['master', 40], ['doctorate', 15]])]],
  migrant: [
    [1970, mix([['none', 5], ['primary', 30], ['junior_secondary', 45], ['senior_secondary', 12], ['secondary_vocational', 4], ['associate', 2], ['bachelor', 2]])],
    [1985, mix([['none', 1], ['primary', 12], ['junior_secondary', 48], ['senior_secondary', 16], ['secondary_vocational', 10], ['associate', 7], ['bachelor', 5.5], ['master', 0.5]])],
    [9999, mix([['primary', 3], ['junior_secondary', 30], ['senior_secondary', 18], ['secondary_vocational', 17], ['associate', 17], ['bachelor', 13], ['master', 1.8], ['doctorate', 0.2]])],
  ],
} satisfies Record<Individual['profile'], Array<[number, Weighted<EducationLevel>]>>;

const MIGRANT_CHILD_SCHOOLING = new Weighted([
  ['public_school_place', 52], ['subsidised_private_place', 25], ['private_place', 18], ['waiting_list', 5],
] as const);
type MigrantChildSchooling = (typeof migrantChildSchooling.enumValues)[number];

/**
 * Full-time higher education at 18–22. The national gross enrolment ratio was 60.2% in 2023
 * (Ministry of Education, 2023 statistical bulletin) and Guangdong's is in the 50–60% range; a
 * gross ratio counts students of every age against the 18–22 cohort, so the share of that cohort
 * actually enrolled is lower. Guangzhou hosts well over a million university students, many of
 * them from elsewhere with their hukou left at home (moving it is optional), which raises the share among
 * the city's residents of that age. The entering chances below make about half of the residents
 * aged 18–22 students on the reference date (of those who enter, about 0.72 still study at 18–22:
 * the 22-year-olds and most 21-year-old associate students have graduated): 85% of young people
 * with a Guangzhou hukou and 65% of the young migrants (students from elsewhere beside young workers).
 * People registered in an employer's collective household or a public collective one work.
 */
const HIGHER_EDUCATION_ENTRY = { resident: 0.85, migrant: 0.65 };
/** About three students in five are in four-year bachelor's programmes, the rest in three-year associate ones. */
const BACHELOR_SHARE = 0.6;
/** What those who did not go on to higher education left school with. */
const SCHOOL_LEAVERS = {
  resident: mix([['junior_secondary', 10], ['senior_secondary', 45], ['secondary_vocational', 45]]),
  migrant: mix([['junior_secondary', 40], ['senior_secondary', 25], ['secondary_vocational', 35]]),
};

type Who = Pick<Individual, 'citizenId' | 'birth' | 'age' | 'migrant' | 'profile' | 'district'>;

function enrol(random: Random, who: Who, rows: SchoolingRows, stage: SchoolStage, grade: number, entered: Day, left: Day | null, school: School = schoolFor(random, who.district, stage)): void {
  rows.enrolment.push({
    citizenId: who.citizenId,
    schoolCode: school.code,
    schoolName: school.name,
    stage,
    grade,
    enrolledOn: iso(entered),
    leftOn: left === null ? null : iso(left),
  });
}

function adultLevel(random: Random, who: Who): EducationLevel {
  const birthYear = yearOf(who.birth);
  const table = ATTAINMENT[who.profile].find(([until]) => birthYear < until)![1];
  const drawn = random.weighted(table);
  if (COMPLETION_AGE[drawn] <= who.age) return drawn;
  // Too young to have finished what the cohort table drew: the highest level they could hold.
  return LEVELS_BY_COMPLETION.find((level) => COMPLETION_AGE[level] <= who.age && level !== 'secondary_vocational')!;
}

const awarded = (random: Random, who: Who, level: EducationLevel, late: number): Day =>
  Math.min(REFERENCE_DAY, july(yearOf(who.birth) + COMPLETION_AGE[level] + random.int(0, late)));

/**
 * `registeredToWork`: the person is registered in an employer's, a talent market's or a public collective
 * household, there to work, not to study (a school's collective household holds its students).
 */
export function schooling(random: Random, who: Who, rows: SchoolingRows, registeredToWork: boolean): SchoolingFacts {
  const adulthood = addYears(who.birth, 18);
  if (who.age < 3) return { level: null, student: false, careerStart: adulthood };
  const schoolAge = ageOn(who.birth, AGE_CUTOFF);
  let level: EducationLevel = 'none';
  let awardedOn: Day | null = null;
  let student = false;
  let placement: MigrantChildSchooling | null = null;
  const learner = () => {
    rows.learner.push({
      citizenId: who.citizenId,
      highestLevel: level,
      highestLevelAwardedOn: awardedOn === null ? null : iso(awardedOn),
      migrantChildSchooling: placement,
    });
    return { level, student, careerStart: Math.max(adulthood, awardedOn ?? adulthood) };
  };
  const startedIn = (stageStartAge: number) => SCHOOL_YEAR - (schoolAge - stageStartAge);
  /**
   * The stage the child is at now. §11.1 tracks migrant children of school age (6–17) in school or
   * waiting for a place; one on the waiting list has no enrolment at that stage (and is not in
   * school), only what they finished before.
   */
  const attend = (stage: SchoolStage, grade: number, entered: Day) => {
    if (who.migrant && who.age >= 6 && who.age <= 17) {
      placement = random.weighted(MIGRANT_CHILD_SCHOOLING);
      if (placement === 'waiting_list') return;
    }
    student = true;
    enrol(random, who, rows, stage, grade, entered, null);
  };

  if (schoolAge >= 3 && schoolAge <= 5) {
    if (random.chance(who.migrant ? 0.8 : 0.92)) enrol(random, who, rows, 'kindergarten', schoolAge - 2, september(startedIn(3)), null);
    return learner();
  }
  if (schoolAge >= 6 && schoolAge <= 11) {
    if (random.chance(0.85)) enrol(random, who, rows, 'kindergarten', 3, september(startedIn(3)), july(startedIn(6)));
    attend('primary', schoolAge - 5, september(startedIn(6)));
    return learner();
  }
  if (schoolAge >= 12 && schoolAge <= 14) {
    level = 'primary';
    awardedOn = july(startedIn(12));
    enrol(random, who, rows, 'primary', 6, september(startedIn(6)), awardedOn);
    attend('junior_secondary', schoolAge - 11, september(startedIn(12)));
    return learner();
  }
  if (schoolAge >= 15 && schoolAge <= 17) {
    level = 'junior_secondary';
    awardedOn = july(startedIn(15));
    if (random.chance(who.migrant ? 0.88 : 0.97)) {
      enrol(random, who, rows, 'junior_secondary', 3, september(startedIn(12)), awardedOn);
      const stage = random.chance(who.migrant ? 0.5 : 0.4) ? 'secondary_vocational' : 'senior_secondary';
      attend(stage, schoolAge - 14, september(startedIn(15)));
    }
    return learner();
  }
  if (schoolAge >= 18 && schoolAge <= 22) {
    if (registeredToWork || !random.chance(HIGHER_EDUCATION_ENTRY[who.migrant ? 'migrant' : 'resident'])) {
      level = random.weighted(SCHOOL_LEAVERS[who.migrant ? 'migrant' : 'resident']);
      awardedOn = july(startedIn(level === 'junior_secondary' ? 15 : 18));
      return learner();
    }
    const programme = random.chance(BACHELOR_SHARE) ? 'bachelor' : 'associate';
    const years = programme === 'bachelor' ? 4 : 3;
    const grade = schoolAge - 17;
    const entered = september(startedIn(18));
    const institution = institutionFor(random, programme);
    level = programme === 'associate' && random.chance(0.3) ? 'secondary_vocational' : 'senior_secondary';
    awardedOn = july(startedIn(18));
    if (grade <= years) {
      student = true;
      enrol(random, who, rows, 'higher_education', grade, entered, null, institution);
    } else {
      level = programme;
      awardedOn = july(startedIn(18) + years);
      enrol(random, who, rows, 'higher_education', years, entered, awardedOn, institution);
    }
    return learner();
  }
  if (who.age < 18) {
    // Left school after junior secondary; no further enrolment.
    level = schoolAge >= 15 ? 'junior_secondary' : schoolAge >= 12 ? 'primary' : 'none';
    awardedOn = level === 'none' ? null : awarded(random, who, level, 0);
    return learner();
  }
  level = adultLevel(random, who);
  awardedOn = level === 'none' ? null : awarded(random, who, level, level === 'master' || level === 'doctorate' ? 3 : 1);
  return learner();
}
