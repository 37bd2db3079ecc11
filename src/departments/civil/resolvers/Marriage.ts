import type { MarriageResolvers } from '../generated.js';

export const Marriage: MarriageResolvers = {
  registrationAreaCode: ({ registeredAreaCode }) => registeredAreaCode,
};
