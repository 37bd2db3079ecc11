import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { LimitExceededError } from '../policy/limits.js';
import type { PlannedContext } from './operation-planner.js';
import type { AnsweredContext } from './population-gateway.js';

/**
 * The response-size limit, exact and at no extra cost: every answer, data and errors alike
 * (validation errors quote the document), is serialised once, before the audit records it, and
 * that same text is what Apollo Server sends (its `stringifyResult`), so it is never serialised
 * twice. No estimate decides whether to measure: each one tried was beaten by a shape it did not
 * foresee (long aliases repeated in every error path, pages of lists). An answer over the limit
 * is withheld (RESPONSE_SIZE_LIMIT_EXCEEDED, HTTP 400) and the audit records the refusal and no
 * citizen.
 */
export class ResponseSizeGuard<Context extends PlannedContext & AnsweredContext> {
  /** The text of each measured answer, by its data object, with the errors it was measured with. */
  private readonly measured = new WeakMap<object, { errors: unknown; text: string }>();

  /** `limit`: the deployment's; an operation planned under a grant with its own is held to that. */
  constructor(private readonly limit: number) {}

  /** Must come before the audit plugin: the audit records what this leaves of the answer. */
  readonly plugin: ApolloServerPlugin<Context> = {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue, response }) => {
        const body = response.body;
        if (body.kind !== 'single') return;
        const limit = contextValue.operation?.limits.responseBytes ?? this.limit;
        const result = body.singleResult;
        const text = serialise(result);
        // A UTF-16 unit takes at most 3 bytes in UTF-8: only a text near the limit is counted exactly.
        const bytes = text.length * 3 <= limit ? 0 : Buffer.byteLength(text);
        if (bytes > limit) {
          const { message, extensions } = new LimitExceededError('responseBytes', limit, bytes);
          const { http: _http, ...visible } = extensions as Record<string, unknown>;
          body.singleResult = { errors: [{ message, extensions: visible }] };
          response.http.status = 400;
          contextValue.answered = undefined;
          return;
        }
        if (result.data) this.measured.set(result.data, { errors: result.errors, text });
      },
    }),
  };

  /** Apollo Server's `stringifyResult`: the measured text where there is one, else as Apollo would. */
  readonly stringifyResult = (value: FormattedExecutionResult): string => {
    const known = value.data ? this.measured.get(value.data) : undefined;
    if (known && known.errors === value.errors && value.extensions === undefined) return known.text;
    return serialise(value);
  };
}

/** As Apollo Server writes an answer: errors, data, extensions, in that order, and a newline. */
function serialise(result: FormattedExecutionResult): string {
  return `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
}
