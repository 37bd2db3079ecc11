import { GraphQLError, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import type { SubgraphContext } from './context.js';

/** The federation's own root fields, which every subgraph has. */
const FEDERATION_ROOT_FIELDS = ['_entities', '_service'];

const fromVerifiedGateway = rule({ cache: 'no_cache' })((_parent, _args, context: SubgraphContext) =>
  context.caller !== null
    ? true
    : new GraphQLError('This subgraph answers only the population gateway, which checks the caller and the sharing policy first.', {
        extensions: { code: 'FORBIDDEN' },
      }),
);

/**
 * The subgraph's perimeter (graphql-shield, deny by default): a root field answers only a request
 * the gateway verified, so `_entities` cannot be used to read a slice around the sharing policy,
 * and a root field added without a rule here is refused.
 *
 * Only the root fields are wrapped. The policy itself is enforced once per operation at the
 * gateway; shield on every field was measured to halve throughput (DESIGN.md), and everything
 * below a root field is reachable only through it.
 */
export function withPerimeter(schema: GraphQLSchema, ownRootFields: readonly string[]): GraphQLSchema {
  // `_entities` exists only in a subgraph that declares an entity.
  const present = schema.getQueryType()?.getFields() ?? {};
  const federation = FEDERATION_ROOT_FIELDS.filter((field) => field in present);
  const rules = Object.fromEntries([...federation, ...ownRootFields].map((field) => [field, fromVerifiedGateway]));
  const permissions = shield(
    { Query: rules },
    {
      fallbackRule: deny,
      fallbackError: new GraphQLError('Not part of this subgraph\'s published interface.', { extensions: { code: 'FORBIDDEN' } }),
      allowExternalErrors: true,
    },
  );
  const generated = permissions.generate(schema) as Record<string, unknown>;
  return applyMiddleware(schema, { Query: generated.Query } as never);
}
