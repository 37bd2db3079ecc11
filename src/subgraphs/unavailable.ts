import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { isDatabaseUnavailable } from '../db/failures.js';
import { ServiceUnavailableError } from './errors.js';

/**
 * Root fields that read the database themselves (the audit log's searches go through drizzle or
 * raw SQL, not the row loaders) answer a database that is down or silent as SERVICE_UNAVAILABLE
 * (HTTP 503, retry later) instead of an internal error. Only root fields are wrapped: the reads
 * below them go through the row loaders, which translate their own failures.
 */
export function withUnavailableAnswered(schema: GraphQLSchema): GraphQLSchema {
  const fields = Object.keys(schema.getQueryType()?.getFields() ?? {});
  const answer = async (resolve: GraphQLFieldResolver<unknown, unknown>, ...args: Parameters<GraphQLFieldResolver<unknown, unknown>>) => {
    try {
      return await resolve(...args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw new ServiceUnavailableError();
    }
  };
  return applyMiddleware(schema, { Query: Object.fromEntries(fields.map((field) => [field, answer])) } as never);
}
