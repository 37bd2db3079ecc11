import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { getVariableValues, GraphQLError, Kind, valueFromASTUntyped, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Grant } from '../policy/compile.js';
import { datesAsked, evaluateCost, measureOperation, type OperationFacts } from '../policy/operation-facts.js';
import { planOperation, type DenialExplainer, type OperationPlan } from '../policy/operation-plan.js';
import { exceededLimit, type OperationLimits } from '../policy/limits.js';
import { todayUtc } from '../domain/today.js';
import type { Access } from './access.js';

/** An operation the gateway has agreed to run: its plan, the limits it was held to, its cost. */
export interface PreparedOperation {
  plan: OperationPlan;
  limits: OperationLimits;
  /** The operation's cost for this request's variables (see OperationLimits.cost). */
  cost: number;
  /** The one date its date-bound answers are asked for; null when it asks none. */
  asOf: string | null;
}

/** The context fields the planner reads and fills. */
export interface PlannedContext {
  access?: Access;
  /** Set once the operation is planned and within its limits; the executor refuses to run without it. */
  operation?: PreparedOperation;
}

/**
 * Plans kept, across grants; the least recently used is dropped first. A plan is at most the
 * field limit's size (about 50 bytes a field), so the cache stays within tens of megabytes
 * however many operation names a caller invents.
 */
const MAX_PLANS = 1000;

/**
 * Step 3 of a request (DESIGN.md): after Apollo Server has parsed and validated the document and
 * before anything is planned or read, the operation is measured (linear in its size, whatever its
 * fragments expand to), held to the limits, its variables coerced, and planned for the caller's
 * grant. Every refusal is a GraphQL error with its HTTP status, so the audit plugin records it.
 */
export class OperationPlanner {
  /** Measures by document (Apollo Server hands the same parsed document for the same text) and operation name. */
  private readonly facts = new WeakMap<DocumentNode, Map<string, OperationFacts>>();
  private readonly plans = new Map<string, OperationPlan>();

  constructor(
    private readonly schema: () => GraphQLSchema,
    /** The types standing for a person and their ID fields (catalog `personIdFields`): what the audit records. */
    private readonly personIdFields: ReadonlyMap<string, string>,
    private readonly limits: OperationLimits,
    private readonly limitsFor: (grant: Grant) => Partial<OperationLimits> | undefined,
    private readonly explainFor: (access: Access) => DenialExplainer,
  ) {}

  prepare(request: GraphQLRequestContext<PlannedContext>): PreparedOperation {
    const access = request.contextValue.access;
    const document = request.document;
    // Fail closed: the HTTP layer attaches access to every request; a request without it reads nothing.
    if (!access || !document) throw new Error('an operation reached the planner without a verified caller or a document');
    const operation = request.operation;
    if (!operation) throw operationNotFound(document, request.request.operationName);
    if (operation.operation !== 'query') {
      throw badRequest(`This gateway answers queries only; it offers no ${operation.operation} operations. Send a query.`);
    }
    const schema = this.schema();
    const facts = this.measure(document, operation.name?.value ?? '', () => measureOperation(schema, document, operation));
    if (facts.reservedAliases.length > 0) {
      throw badRequest(`Aliases ending in "__" are reserved for the gateway; rename ${facts.reservedAliases.map((a) => `"${a}"`).join(', ')}.`);
    }
    const limits = { ...this.limits, ...this.limitsFor(access.grant) };
    const exceeded = exceededLimit(
      { directives: facts.directives, aliases: facts.aliases, aliasLength: facts.aliasLength, rootFields: facts.rootFields, depth: facts.depth, fields: facts.fields },
      limits,
    );
    if (exceeded) throw exceeded;
    const inputs = request.request.variables ?? {};
    const variables = conditionValues(schema, operation, facts.conditionVariables, inputs);
    const sizes = listSizes(operation, inputs);
    const cost = evaluateCost(facts.cost, sizes);
    // The least the answer takes (its keys, every person found): refused before anything is read.
    const bytes = evaluateCost(facts.bytes, sizes);
    const overBudget = exceededLimit({ cost, responseBytes: bytes }, limits);
    if (overBudget) throw overBudget;
    const asOf = theDateAsked(facts, inputs);
    const plan = this.plan(access, request.queryHash ?? '', facts, variables, () =>
      planOperation({
        schema,
        document,
        operation,
        grant: access.grant,
        conditions: variables,
        explain: this.explainFor(access),
        personIdFields: this.personIdFields,
      }),
    );
    if (plan.kind === 'mixed') throw badRequest('Ask for the schema (__schema, __type) in an operation of its own, not together with data.');
    return { plan, limits, cost, asOf };
  }

  private measure(document: DocumentNode, name: string, measure: () => OperationFacts): OperationFacts {
    let byName = this.facts.get(document);
    if (!byName) this.facts.set(document, (byName = new Map()));
    let facts = byName.get(name);
    if (!facts) byName.set(name, (facts = measure()));
    return facts;
  }

  /** A plan depends on the grant, the text, the operation and the values deciding `@skip`/`@include`. */
  private plan(access: Access, queryHash: string, facts: OperationFacts, variables: Record<string, unknown>, make: () => OperationPlan): OperationPlan {
    // One policy is in force, so a grant is known by its department and purpose.
    const grantKey = `${access.grant.department}\u0000${access.grant.purpose}`;
    const conditions = facts.conditionVariables.map((name) => (variables[name] === true ? '1' : '0')).join('');
    const key = `${grantKey}\u0000${queryHash}\u0000${facts.operation.name?.value ?? ''}\u0000${conditions}`;
    let plan = this.plans.get(key);
    if (plan) {
      // Least recently used first out: a plan in use moves to the end.
      this.plans.delete(key);
    } else {
      plan = make();
      if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    }
    this.plans.set(key, plan);
    return plan;
  }
}

/** The Apollo Server plugin that runs the planner for every operation, before execution. */
export function operationPlanPlugin<Context extends PlannedContext>(planner: OperationPlanner): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          request.contextValue.operation = planner.prepare(request as unknown as GraphQLRequestContext<PlannedContext>);
        },
      };
    },
  };
}

type Operation = NonNullable<GraphQLRequestContext<PlannedContext>['operation']>;

/**
 * The values of the variables that decide `@skip`/`@include`, as the operation declares them
 * (defaults applied), each true or false. A value that does not fit (null included, which a
 * nullable variable with a default accepts) is the caller's mistake: 400 with the variable named,
 * before anything is read. The other variables (1000 citizen IDs, say) are left to the
 * executor, which coerces them anyway: coercing them twice was a measurable cost.
 */
function conditionValues(schema: GraphQLSchema, operation: Operation, names: readonly string[], inputs: Record<string, unknown>) {
  if (names.length === 0) return {};
  const definitions = (operation.variableDefinitions ?? []).filter((d) => names.includes(d.variable.name.value));
  const result = getVariableValues(schema, definitions, inputs, { maxErrors: 5 });
  if (result.errors) {
    const [first] = result.errors;
    const cause = first!.originalError as GraphQLError | undefined;
    throw new GraphQLError(first!.message, {
      nodes: first!.nodes,
      extensions: { ...cause?.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  for (const name of names) {
    const value = result.coerced[name];
    if (typeof value !== 'boolean') {
      throw badUserInput(`Variable "$${name}" decides @skip/@include, so it must be true or false, not ${JSON.stringify(value ?? null)}.`);
    }
  }
  return result.coerced;
}

/** What sets the size of the lists the cost multiplies by: each variable as sent, or its default. */
function listSizes(operation: Operation, inputs: Record<string, unknown>): Record<string, unknown> {
  const sizes: Record<string, unknown> = { ...inputs };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in inputs) && definition.defaultValue) sizes[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return sizes;
}

function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function operationNotFound(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  if (operationName) {
    return badRequest(`The document has no operation named "${operationName}"; it has: ${names.join(', ')}.`);
  }
  return badRequest(`The document has ${names.length} operations (${names.join(', ')}); name the one to run in "operationName".`);
}

/**
 * One operation asks its date-bound answers (points, settlement) for one date. A derived answer
 * moves on the day one of its inputs enters or leaves a window, so the same answer asked for many
 * dates at once, under aliases, would give back the dates and amounts it is derived from (a
 * sentence, a donation, hours volunteered each year). Each date takes an operation of its own,
 * and so a record of its own in the audit, which names it. Returns that date (null: none asked).
 */
function theDateAsked(facts: OperationFacts, variables: Readonly<Record<string, unknown>>): string | null {
  const today = todayUtc();
  const dates = new Set(datesAsked(facts, variables).map((date) => date ?? today));
  if (dates.size <= 1) return dates.values().next().value ?? null;
  throw new GraphQLError(
    `An operation asks its answers as of one date; this one asks for ${dates.size} (${[...dates].sort().join(', ')}). Send one operation per date.`,
    { extensions: { code: 'BAD_USER_INPUT', reason: 'several as-of dates', dates: [...dates].sort(), http: { status: 400 } } },
  );
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}
