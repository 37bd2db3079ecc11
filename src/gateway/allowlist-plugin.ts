import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { operationHash } from '../audit/operation-hash.js';
import { applicationKey, HASH, type OperationsAllowlist } from './operations-allowlist.js';
import type { GatewayContext } from './server.js';

/**
 * 403, not 400: the request is well formed and its caller verified; the operations policy refuses
 * it, as the sharing policy refuses a purpose (PURPOSE_NOT_ALLOWED). A client must not retry it as
 * it is, and GraphQL-over-HTTP's "200 for request errors" rule for application/json does not apply.
 */
const STATUS = 403;

const HOW_TO_ADD =
  'Operations are added by the gateway operators: build the list from your application\'s .graphql files with `city-population-gateway operations build <folder> --department <department> --app <app>` and send it to them for review.';

function notAllowed(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${message} ${HOW_TO_ADD}`, { extensions: { code: 'OPERATION_NOT_ALLOWED', ...extensions, http: { status: STATUS } } });
}

/** Why a caller with this application claim may not run the operation with `hash`. */
function refusal(context: GatewayContext, hash: string | undefined): GraphQLError {
  const caller = context.access?.caller;
  if (!caller) return notAllowed('This gateway runs only allow-listed operations, and this request has no verified caller.');
  // Fail closed: a token without `app` cannot be matched to any application's list.
  if (!caller.app) {
    return notAllowed('This gateway runs only the operations allow-listed for each application, and this token names no application: ask your identity provider for a token with an "app" claim.');
  }
  return notAllowed(`This operation is not on the allow-list of ${applicationKey(caller.department, caller.app)}.`, hash ? { operationHash: hash } : {});
}

/**
 * With OPERATIONS_ALLOWLIST set, only the operations on the caller's application list run
 * (department from the token's `department` claim, application from its `app` claim). A client may
 * send just the hash (`extensions.persistedQuery.sha256Hash`, the APQ convention): the gateway runs
 * the stored text. Introspection is an operation like any other: refused unless listed (the IDE is
 * off in production, and an application needs no schema at run time).
 *
 * The refusal is thrown in `didResolveOperation`, so the audit plugin still writes its record.
 * List this plugin before the audit plugin: the hash-only refusal is rewritten in its
 * `willSendResponse`, which must run first so the audit records what the caller is sent.
 */
export function allowlistPlugin(allowlist: OperationsAllowlist): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      let unknownHash: string | undefined;
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      if (persisted) {
        if (request.query === undefined) {
          const hash = typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : '';
          const caller = contextValue.access?.caller;
          const stored = caller?.app ? allowlist.find(caller.department, caller.app, hash) : undefined;
          if (stored) request.query = stored.text;
          // Left as it is, Apollo Server answers PERSISTED_QUERY_NOT_SUPPORTED; willSendResponse says why.
          else unknownHash = hash;
        }
        // A text with a hash is judged by its text like any other; Apollo's APQ is off, so the hash goes.
        if (request.query !== undefined) {
          const { persistedQuery: _persistedQuery, ...rest } = request.extensions!;
          request.extensions = rest;
        }
      }
      return {
        async didResolveOperation({ contextValue: context, document }) {
          const caller = context.access?.caller;
          const hash = operationHash(document);
          if (!caller?.app || !allowlist.find(caller.department, caller.app, hash)) throw refusal(context, hash);
        },
        async willSendResponse({ contextValue: context, response }) {
          if (unknownHash === undefined || response.body.kind !== 'single') return;
          const error = refusal(context, HASH.test(unknownHash) ? unknownHash : undefined);
          const { http: _http, ...extensions } = error.extensions;
          response.body.singleResult = { errors: [{ message: error.message, extensions }] };
          response.http.status = STATUS;
        },
      };
    },
  };
}
