import type { Resolvers } from '../generated.js';
import { Person } from './Person.js';
import { SocialSecuritySlice } from './SocialSecuritySlice.js';
import { InsuranceContribution } from './InsuranceContribution.js';
import { ContributionPeriod } from './ContributionPeriod.js';
import { ProfessionalTitle } from './ProfessionalTitle.js';
import { SkillCertificate } from './SkillCertificate.js';

export const resolvers: Resolvers = { Person, SocialSecuritySlice, InsuranceContribution, ContributionPeriod, ProfessionalTitle, SkillCertificate };
