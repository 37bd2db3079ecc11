import { GraphQLError } from 'graphql';

/**
 * What one operation may ask of the gateway. Each is checked before any data is read, and each
 * refusal names the limit and the value found, so a department engineer knows what to change.
 */
export interface OperationLimits {
  /** Nested fields, counted from the root field (`person { registration { household { address } } }` is 4). */
  depth: number;
  /** Aliased fields written in the document. */
  aliases: number;
  /** Characters in one alias: every key of the answer and every error's path repeats it. */
  aliasLength: number;
  /** Root fields the operation selects once its fragments are expanded. */
  rootFields: number;
  /** Directives written in the document (`@skip`, `@include`, …). */
  directives: number;
  /**
   * Fields the operation expands to, fragments spread, lists not multiplied: what planning it
   * costs the gateway and Apollo's query planner, whatever the data.
   */
  fields: number;
  /** Lexical tokens in the document (the parser stops reading past this). */
  tokens: number;
  /**
   * Fields the answer may hold: each selected field costs 1, times the size of every list above it
   * (`persons` with 1000 IDs costs 1000 times one `person`; other lists count LIST_SIZE_ESTIMATE).
   */
  cost: number;
  /** Bytes of the JSON answer. */
  responseBytes: number;
}

export type LimitName = keyof OperationLimits;

/**
 * Defaults no department application meets in normal use (measured on the composed schema): the
 * full view of one person, every field of every department, expands to 288 fields, costs 2,277
 * and nests 6 levels (399 fields, 3,792 with the points and settlement answers); the full view of
 * 1000 people through `persons` costs 2.3 million, but no grant covers it all; the IDE's
 * introspection query nests 15 levels and costs about 51,000. A purpose that needs more (a yearly
 * batch) gets a higher limit in its grant in the policy file; test/policy/grant-limits.test.ts
 * asks every grant for all it covers for 1000 people.
 */
export const DEFAULT_LIMITS: OperationLimits = {
  depth: 20,
  aliases: 128,
  aliasLength: 64,
  rootFields: 32,
  directives: 64,
  fields: 2_000,
  tokens: 20_000,
  cost: 1_000_000,
  responseBytes: 16 * 1024 * 1024,
};

/**
 * The size assumed for a list whose length no argument states (a person's annual returns, their
 * vaccinations): typical of one person's lists, not a bound (a child's vaccinations reach 22).
 */
export const LIST_SIZE_ESTIMATE = 10;

/** Each limit's error code: a client can tell which one it met without reading the message. */
export const LIMIT_CODES: Record<LimitName, string> = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  aliasLength: 'ALIAS_LENGTH_LIMIT_EXCEEDED',
  rootFields: 'ROOT_FIELD_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
  fields: 'FIELD_LIMIT_EXCEEDED',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
  responseBytes: 'RESPONSE_SIZE_LIMIT_EXCEEDED',
};

const DESCRIPTIONS: Record<LimitName, (limit: number, found: string) => string> = {
  depth: (limit, found) => `The operation nests ${found} levels deep; the limit is ${limit}. Ask for nested data in separate operations.`,
  aliases: (limit, found) => `The operation has ${found} aliases; the limit is ${limit}. Ask for many people with persons(citizenIds:) instead of one alias per person.`,
  rootFields: (limit, found) => `The operation selects ${found} root fields; the limit is ${limit}. Ask for many people with persons(citizenIds:) or split the operation.`,
  aliasLength: (limit, found) => `The operation has an alias of ${found} characters; the limit is ${limit}. Use short aliases.`,
  directives: (limit, found) => `The operation has ${found} directives; the limit is ${limit}.`,
  fields: (limit, found) =>
    `The operation expands to ${found} fields once its fragments are spread; the limit is ${limit}. Spread each fragment once, and ask for many people with persons(citizenIds:) instead of aliases.`,
  tokens: (limit, found) => `The operation has ${found} tokens; the limit is ${limit}. Pass long lists of IDs as variables, not literals.`,
  cost: (limit, found) =>
    `The operation's cost is ${found}; the limit is ${limit} (each field costs 1, times the size of the lists above it: persons with 1000 IDs costs 1000 times one person). Ask for fewer people or fewer fields per request.`,
  responseBytes: (limit, found) => `The answer would be ${found} bytes; the limit is ${limit}. Ask for fewer people, fewer fields or shorter aliases per request.`,
};

/**
 * A limit the operation exceeds: refused with HTTP 400 before anything is read (the response
 * size limit, which can only be known once answered, withholds the answer instead).
 */
export class LimitExceededError extends GraphQLError {
  constructor(limitName: LimitName, limit: number, found: number | string) {
    super(DESCRIPTIONS[limitName](limit, String(found)), {
      extensions: { code: LIMIT_CODES[limitName], limit: limitName, maximum: limit, found, http: { status: 400 } },
    });
    this.name = 'LimitExceededError';
  }
}

/** The first limit `measured` exceeds, if any, in a fixed order (cheapest to fix first). */
export function exceededLimit(
  measured: Partial<Record<LimitName, number>>,
  limits: OperationLimits,
): LimitExceededError | undefined {
  for (const name of ['tokens', 'directives', 'aliases', 'aliasLength', 'rootFields', 'depth', 'fields', 'cost', 'responseBytes'] as const) {
    const found = measured[name];
    if (found !== undefined && found > limits[name]) return new LimitExceededError(name, limits[name], found);
  }
  return undefined;
}

/** Checks a limits override (policy file or configuration) and reports every problem. */
export function checkLimitsOverride(raw: unknown, where: string, problems: string[]): Partial<OperationLimits> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where}: must be a mapping of limit names (${Object.keys(DEFAULT_LIMITS).join(', ')}) to whole numbers`);
    return {};
  }
  const limits: Partial<OperationLimits> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, name)) {
      problems.push(`${where}.${name}: unknown limit; the limits are ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    } else if (!Number.isSafeInteger(value) || (value as number) < 1) {
      problems.push(`${where}.${name}: must be a whole number of at least 1, got ${JSON.stringify(value)}`);
    } else {
      limits[name as LimitName] = value as number;
    }
  }
  return limits;
}
