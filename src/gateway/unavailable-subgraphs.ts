/**
 * The code of the error the gateway puts at the fields of a subgraph's slice it could not fetch (a
 * department's service that was down); the other slices are still answered.
 */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * The subgraphs whose slice of an answer could not be fetched, distinct and sorted, for the audit
 * record: read from the executed result's errors, before the error formatter strips `serviceName`
 * from what the caller sees (src/gateway/errors.ts). `serviceName` is the gateway's own name for
 * the subgraph (@apollo/gateway sets it on every error a subgraph returns, over whatever the
 * subgraph put there), never caller text. An error with another code, or without a string
 * `serviceName`, names nobody.
 */
export function unavailableSubgraphs(errors: readonly { extensions?: Readonly<Record<string, unknown>> }[] | undefined): string[] {
  const names = new Set<string>();
  for (const error of errors ?? []) {
    const serviceName = error.extensions?.serviceName;
    if (error.extensions?.code === SUBGRAPH_UNAVAILABLE && typeof serviceName === 'string') names.add(serviceName);
  }
  return [...names].sort();
}
