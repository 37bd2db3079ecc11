import type { Server } from 'node:http';
import { createGatewayServer, type GatewayServer } from '../../src/gateway/server.js';
import { createHttpServer, listen } from '../../src/gateway/http.js';
import { seedPopulation } from '../../src/population/load.js';
import { openTestDatabase } from './database.js';

export interface GraphQLResponse<Data = any> {
  status: number;
  body: { data?: Data; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

/**
 * A running gateway for one test file: a fresh database with `persons` generated people, every
 * subgraph in-process, and the real HTTP server on a free loopback port.
 */
export async function startTestGateway({ persons = 1200, seed = 7 } = {}) {
  const database = await openTestDatabase();
  if (persons > 0) await seedPopulation(database, { persons, seed });
  const gateway: GatewayServer = await createGatewayServer(database);
  const http: Server = createHttpServer(gateway);
  const port = await listen(http, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;

  async function query<Data = any>(
    text: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<Data>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: text, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<Data>['body'] };
  }

  return {
    database,
    gateway,
    url,
    query,
    async close() {
      await new Promise((resolve) => http.close(resolve));
      await gateway.stop();
      await database.close();
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;
