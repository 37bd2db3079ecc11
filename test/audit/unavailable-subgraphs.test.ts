import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../src/audit/verify.js';
import { InProcessSubgraph } from '../../src/gateway/in-process-subgraph.js';
import { SUBGRAPH_UNAVAILABLE } from '../../src/gateway/unavailable-subgraphs.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let id: string;
/** The subgraphs that answer as a remote service that is down would: SUBGRAPH_UNAVAILABLE, no data. */
const down = new Set<string>();

beforeAll(async () => {
  const process = InProcessSubgraph.prototype.process;
  vi.spyOn(InProcessSubgraph.prototype, 'process').mockImplementation(function (this: InProcessSubgraph<object>, options) {
    if (!down.has(this.name)) return process.call(this, options);
    return Promise.resolve({ errors: [{ message: `The ${this.name} slice could not be fetched; retry later.`, extensions: { code: SUBGRAPH_UNAVAILABLE } }] });
  });
  gw = await startTestGateway({ persons: 20, seed: 5 });
  [{ citizen_id: id }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 1')) as [{ citizen_id: string }];
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await gw?.close();
});

const ENROL = 'query Enrol($id: CitizenId!) { person(citizenId: $id) { name education { highestLevel } } }';

/** The answer to ENROL and the audit record written for it. */
async function enrol() {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(await gw.headersFor('education', 'school-enrolment')) },
    body: JSON.stringify({ query: ENROL, variables: { id } }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const [record] = await gw.database.query<Record<string, any>>('select * from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  return { status: response.status, body, record: record! };
}

describe('an answer that a subgraph could not contribute to', () => {
  it('records no unavailable subgraph when every slice answered', async () => {
    const { body, record } = await enrol();
    expect(body.errors).toBeUndefined();
    expect(record.unavailable_subgraphs).toEqual([]);
  });

  it('answers the other slices, tells the caller which slice is missing without naming the service, and records the subgraph', async () => {
    down.add('education');
    try {
      const { body, record } = await enrol();
      expect(body.data.person.name).toEqual(expect.any(String));
      expect(body.data.person.education).toBeNull();
      expect(body.errors).toHaveLength(1);
      const [error] = body.errors!;
      // A public code: the caller sees the subgraph's own message, not a generic internal error,
      // and not the gateway's name for the service (internal topology).
      expect(error!.extensions).toEqual({ code: SUBGRAPH_UNAVAILABLE });
      expect(error!.message).toBe('The education slice could not be fetched; retry later.');
      expect(record).toMatchObject({ unavailable_subgraphs: ['education'], citizen_ids: [id], code: SUBGRAPH_UNAVAILABLE });
    } finally {
      down.delete('education');
    }
    expect(await verifyChain(gw.database)).toMatchObject({ intact: true });
  });
});
