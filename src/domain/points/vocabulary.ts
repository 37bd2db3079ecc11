/**
 * The words the departments' facts and the rule sets share. Where a department's table already has
 * an enum, its values are used as they are (src/db/tables/*.ts), so facts can be read straight from
 * the rows without translation.
 */

/** hrss.social_insurance: the five insurances (五险). */
export const INSURANCES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const;
export type Insurance = (typeof INSURANCES)[number];

/**
 * Where contribution months come from. Only months paid in Guangzhou count (POINTS.md: transferred-in
 * or back-paid years do not count), so the departments must keep them apart.
 */
export const CONTRIBUTION_ORIGINS = ['paid-in-guangzhou', 'transferred-in', 'back-paid'] as const;
export type ContributionOrigin = (typeof CONTRIBUTION_ORIGINS)[number];

/** housing.tenure. */
export const TENURES = ['owned', 'rented', 'public_rental', 'employer_dormitory', 'family_home'] as const;
export type Tenure = (typeof TENURES)[number];

/** education.education_level. */
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'secondary_vocational',
  'associate',
  'bachelor',
  'master',
  'doctorate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * Technical ability: professional titles (职称) and national vocational qualification levels
 * (hrss.skill_certificate.level: 1 senior technician … 5 junior worker), named as the rules name them.
 */
export const QUALIFICATION_LEVELS = [
  'title-senior',
  'title-intermediate',
  'title-junior',
  'skill-senior-technician',
  'skill-technician',
  'skill-senior-worker',
  'skill-intermediate-worker',
  'skill-junior-worker',
] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** How an answer names a qualification level. */
export const QUALIFICATION_NAMES: Record<QualificationLevel, string> = {
  'title-senior': 'senior professional title',
  'title-intermediate': 'intermediate professional title',
  'title-junior': 'junior professional title',
  'skill-senior-technician': 'senior technician',
  'skill-technician': 'technician',
  'skill-senior-worker': 'senior worker',
  'skill-intermediate-worker': 'intermediate worker',
  'skill-junior-worker': 'junior worker',
};

export type ProfessionalTitleLevel = 'senior' | 'intermediate' | 'junior';
/** hrss.skill_certificate.level: 1 (senior technician) to 5 (junior worker). */
export type SkillCertificateLevel = 1 | 2 | 3 | 4 | 5;

const SKILL_LEVELS: Record<SkillCertificateLevel, QualificationLevel> = {
  1: 'skill-senior-technician',
  2: 'skill-technician',
  3: 'skill-senior-worker',
  4: 'skill-intermediate-worker',
  5: 'skill-junior-worker',
};

export function qualificationLevel(
  qualification: { kind: 'professional-title'; level: ProfessionalTitleLevel } | { kind: 'skill-certificate'; level: SkillCertificateLevel },
): QualificationLevel {
  return qualification.kind === 'professional-title' ? `title-${qualification.level}` : SKILL_LEVELS[qualification.level];
}

/** The hard sectors whose frontline workers the seed (§4) and POINTS.md favour. */
export const HARD_SECTORS = ['police', 'fire', 'sanitation', 'transit', 'education', 'health', 'elderly-disabled-care'] as const;
export type HardSector = (typeof HARD_SECTORS)[number];

/** Award levels (POINTS.md: national · provincial model worker · city · city agency or district). */
export const AWARD_LEVELS = ['national', 'provincial', 'city', 'city-agency-or-district'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
