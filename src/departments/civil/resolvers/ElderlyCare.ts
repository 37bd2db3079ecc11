import type { ElderlyCareResolvers } from '../generated.js';

export const ElderlyCare: ElderlyCareResolvers = {
  monthlyAmount: ({ monthlyAmountFen }) => monthlyAmountFen,
};
