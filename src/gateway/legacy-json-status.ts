import type { ApolloServerPlugin } from '@apollo/server';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * Whether the answer goes out as `application/json` rather than `application/graphql-response+json`,
 * chosen as Apollo Server chooses it: no Accept header means application/json (GraphQL over HTTP
 * §Accept); otherwise the higher quality wins, then the more specific match, then the client's order.
 */
export function answersAsLegacyJson(accept: string | undefined): boolean {
  if (!accept?.trim()) return true;
  const rank = (type: string) => {
    let best: { q: number; specificity: number; order: number } | null = null;
    accept.split(',').forEach((part, order) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      const specificity = range === type ? 2 : range === 'application/*' ? 1 : range === '*/*' ? 0 : -1;
      if (specificity < 0 || !(q > 0)) return;
      if (!best || specificity > best.specificity) best = { q, specificity, order };
    });
    return best as { q: number; specificity: number; order: number } | null;
  };
  const json = rank(JSON_TYPE);
  const graphql = rank(GRAPHQL_RESPONSE_TYPE);
  if (!graphql) return true;
  if (!json) return false;
  if (json.q !== graphql.q) return json.q > graphql.q;
  if (json.specificity !== graphql.specificity) return json.specificity > graphql.specificity;
  // Apollo Server lists application/json first among the types it offers.
  return json.order <= graphql.order;
}

/**
 * The errors GraphQL itself raises for a well-formed request: its document does not parse or
 * validate (an invalid citizen ID literal is reported as BAD_USER_INPUT), its variables do not
 * coerce, or its operationName names no operation.
 */
const GRAPHQL_REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * GraphQL over HTTP: a client that reads `application/json` (the legacy type) should get 200 for a
 * well-formed request GraphQL itself refuses (parse, validation, variable coercion), with the errors
 * in the body; 4xx is for `application/graphql-response+json`, whose clients know that a 4xx body is
 * still a GraphQL response. Requests that are not well formed (no query, bad JSON, BAD_REQUEST)
 * keep their 400.
 *
 * List this plugin before the audit plugin, so the audit records the status the caller is sent.
 */
export function legacyJsonStatusPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          const graphqlRefused = errors.length > 0 && errors.every((e) => GRAPHQL_REQUEST_ERRORS.has(String(e.extensions?.code)));
          if (graphqlRefused && answersAsLegacyJson(request.http?.headers.get('accept'))) response.http.status = 200;
        },
      };
    },
  };
}
