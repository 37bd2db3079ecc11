import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { parseCitizenId } from '../domain/citizen-id.js';
import { fenToYuan, yuanToFen } from '../domain/money.js';

import { BadUserInputError } from './errors.js';

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) {
    throw new BadUserInputError(`${scalar} must be written as a string in quotes, got ${ast.kind.toLowerCase()}`);
  }
  return ast.value;
}

export function parseCitizenIdInput(value: unknown): string {
  if (typeof value !== 'string') {
    throw new BadUserInputError(`CitizenId must be a string of 18 characters, got ${typeof value}`, { reason: 'type' });
  }
  const result = parseCitizenId(value);
  if (!result.ok) {
    // The input is echoed back: the caller sent it, so it discloses nothing new. Nor does the
    // 18-digit form of an old number: it is computed from the input alone, not looked up.
    const details = result.suggestion === undefined ? {} : { eighteenDigitForm: result.suggestion };
    throw new BadUserInputError(`Invalid citizen ID "${value}": ${result.message}.`, { reason: result.problem, ...details });
  }
  return result.value.id;
}

/**
 * The scalar definitions. Names and descriptions come from the SDL (`src/subgraphs/common.graphql`);
 * these add only the behaviour, which is why no description is set here.
 */
export const CitizenIdScalar = new GraphQLScalarType<string, string>({
  name: 'CitizenId',
  serialize: (value) => String(value),
  parseValue: parseCitizenIdInput,
  parseLiteral: (ast) => parseCitizenIdInput(literalString(ast, 'CitizenId')),
});

function parseDateInput(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new BadUserInputError(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new BadUserInputError(`Date ${value} is not a real calendar date`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => String(value),
  parseValue: parseDateInput,
  parseLiteral: (ast) => parseDateInput(literalString(ast, 'Date')),
});

function parseMoneyInput(value: unknown): number {
  const fen = typeof value === 'string' ? yuanToFen(value) : null;
  if (fen === null) throw new BadUserInputError(`Money must be a string of yuan with up to two decimals, like "86400.00", got ${JSON.stringify(value)}`);
  return fen;
}

/** Inside resolvers Money is integer fen; only the wire format is a decimal string. */
export const MoneyScalar = new GraphQLScalarType<number, string>({
  name: 'Money',
  serialize: (value) => fenToYuan(value as number),
  parseValue: parseMoneyInput,
  parseLiteral: (ast) => parseMoneyInput(literalString(ast, 'Money')),
});

/** Resolvers every subgraph needs for the shared definitions of `src/subgraphs/common.graphql`. */
export const commonResolvers = {
  CitizenId: CitizenIdScalar,
  Date: DateScalar,
  Money: MoneyScalar,
};
