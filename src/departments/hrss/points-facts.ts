import type { HrssPointsFacts } from '../../domain/points/indicators/hrss.js';
import type { ContributionOrigin, HardSector as PointsHardSector, SkillCertificateLevel } from '../../domain/points/vocabulary.js';
import type { SubgraphContext } from '../../subgraphs/context.js';
import type { HardSector } from './occupations.js';
import { worksInTradeOf } from './occupations.js';
import { contributionPeriodsOf, currentOccupation, employmentsOf, professionalTitlesOf, skillCertificatesOf } from './resolvers/loaders.js';
import type { ContributionPeriodRow } from './tables.js';

const ORIGIN: Record<ContributionPeriodRow['origin'], ContributionOrigin> = {
  paid_in_guangzhou: 'paid-in-guangzhou',
  transferred_in: 'transferred-in',
  back_paid: 'back-paid',
};

const SECTOR: Record<HardSector, PointsHardSector> = {
  police: 'police',
  fire: 'fire',
  sanitation: 'sanitation',
  transit: 'transit',
  education: 'education',
  health: 'health',
  elderly_disabled_care: 'elderly-disabled-care',
};

/**
 * What HRSS gives the points engine about one person, from its own tables only: contribution runs
 * with their origin, jobs with the three flags, professional titles and skill certificates. Read
 * through the request's row loaders, so the facts of many people cost one statement per table.
 * Empty lists when HRSS holds nothing on the person.
 */
export async function pointsFactsOf(context: SubgraphContext, citizenId: string): Promise<HrssPointsFacts> {
  const { rows } = context;
  const [periods, jobs, titles, certificates] = await Promise.all([
    contributionPeriodsOf(rows).load(citizenId),
    employmentsOf(rows).load(citizenId),
    professionalTitlesOf(rows).load(citizenId),
    skillCertificatesOf(rows).load(citizenId),
  ]);
  const occupation = currentOccupation(jobs);
  return {
    insuranceContributions: periods.map((period) => ({
      insurance: period.insurance,
      origin: ORIGIN[period.origin],
      fromMonth: period.fromMonth.slice(0, 7),
      toMonth: period.toMonth === null ? null : period.toMonth.slice(0, 7),
    })),
    employments: jobs.map((job) => ({
      since: job.since,
      until: job.until,
      highTechOrRnd: job.highTechEmployer,
      neededOccupation: job.neededOccupation,
      frontlineHardSector: job.frontlineHardSector === null ? null : SECTOR[job.frontlineHardSector],
    })),
    qualifications: [
      ...titles.map((title) => ({
        kind: 'professional-title' as const,
        level: title.level,
        awardedOn: title.awardedOn,
        worksInThatTrade: worksInTradeOf(title.title, occupation),
      })),
      ...certificates.map((certificate) => ({
        kind: 'skill-certificate' as const,
        // skill_certificate_level_check keeps the level within 1–5.
        level: certificate.level as SkillCertificateLevel,
        awardedOn: certificate.issuedOn,
        worksInThatTrade: worksInTradeOf(certificate.title, occupation),
      })),
    ],
  };
}
