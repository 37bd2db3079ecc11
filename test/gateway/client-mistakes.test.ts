import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
let id: string;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 50, seed: 5 });
  id = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person limit 1'))[0]!.citizen_id;
}, 120_000);
afterAll(() => gw?.close());

async function send(body: Record<string, unknown>) {
  const response = await fetch(gw.url, {
    method: 'POST',
    // The GraphQL-over-HTTP media type: its client mistakes are 400s (application/json ones are 200s).
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(await gw.headersFor('public-security', 'household-registration')) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
  const records = await gw.database.query<Record<string, any>>('select outcome, status, code from audit.event where request_id = $1', [response.headers.get('x-request-id')]);
  return { status: response.status, answer, records };
}

/** A client's mistake: HTTP 400, the code, a message saying what to fix, no data, and one audit record of the refusal. */
async function expectRefused(body: Record<string, unknown>, code: string, message: RegExp) {
  const { status, answer, records } = await send(body);
  expect(status).toBe(400);
  expect(answer.data).toBeUndefined();
  expect(answer.errors!.map((e) => e.extensions.code)).toEqual(answer.errors!.map(() => code));
  expect(answer.errors![0]!.message).toMatch(message);
  expect(records).toEqual([{ outcome: 'refused', status: 400, code }]);
}

describe('client mistakes are 400s that say what to fix, never 500s', () => {
  it('an operationName the document does not have', async () => {
    await expectRefused(
      { query: `query A { person(citizenId: "${id}") { name } } query B { person(citizenId: "${id}") { sex } }`, operationName: 'C' },
      'BAD_REQUEST',
      /no operation named "C"; it has: A, B/,
    );
  });

  it('several operations and no operationName', async () => {
    await expectRefused(
      { query: `query A { person(citizenId: "${id}") { name } } query B { person(citizenId: "${id}") { sex } }` },
      'BAD_REQUEST',
      /2 operations \(A, B\); name the one to run in "operationName"/,
    );
  });

  it('several anonymous operations', async () => {
    await expectRefused({ query: `{ person(citizenId: "${id}") { name } } { person(citizenId: "${id}") { sex } }` }, 'GRAPHQL_VALIDATION_FAILED', /anonymous operation/i);
  });

  it('a mutation, where the gateway offers none', async () => {
    await expectRefused({ query: `mutation { person(citizenId: "${id}") { name } }` }, 'BAD_REQUEST', /queries only; it offers no mutation operations/);
  });

  it('a subscription, where the gateway offers none', async () => {
    await expectRefused({ query: `subscription { person(citizenId: "${id}") { name } }` }, 'BAD_REQUEST', /queries only; it offers no subscription operations/);
  });

  it('a directive variable left unset', async () => {
    await expectRefused(
      { query: `query($show: Boolean!) { person(citizenId: "${id}") { name @include(if: $show) } }`, variables: {} },
      'BAD_USER_INPUT',
      /"\$show" of required type "Boolean!" was not provided/,
    );
  });

  it('a directive variable given as null', async () => {
    await expectRefused(
      { query: `query($show: Boolean!) { person(citizenId: "${id}") { name @include(if: $show) } }`, variables: { show: null } },
      'BAD_USER_INPUT',
      /"\$show" of non-null type "Boolean!" must not be null/,
    );
  });

  it('a directive variable with a default, sent as null', async () => {
    await expectRefused(
      { query: `query($show: Boolean = true) { person(citizenId: "${id}") @include(if: $show) { name } }`, variables: { show: null } },
      'BAD_USER_INPUT',
      /"\$show" decides @skip\/@include, so it must be true or false, not null/,
    );
  });

  it('a malformed citizen ID given as a variable', async () => {
    await expectRefused({ query: 'query($id: CitizenId!) { person(citizenId: $id) { name } }', variables: { id: '440106199013011234' } }, 'BAD_USER_INPUT', /\$id/);
  });

  it('another operation of the document may decide with a variable of its own: the one named runs', async () => {
    const { status, answer } = await send({
      query: `query A($x: Boolean!) { person(citizenId: "${id}") @skip(if: $x) { citizenId } } query B { person(citizenId: "${id}") { name } }`,
      operationName: 'B',
    });
    expect(status).toBe(200);
    expect(answer).toEqual({ data: { person: { name: expect.any(String) } } });
  });

  it('the gateway still answers the same operation when it is right', async () => {
    const { status, answer } = await send({ query: `query($show: Boolean!) { person(citizenId: "${id}") { name @include(if: $show) } }`, variables: { show: true } });
    expect(status).toBe(200);
    expect(answer).toEqual({ data: { person: { name: expect.any(String) } } });
  });
});
