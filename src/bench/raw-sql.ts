import { createServer, type Server } from 'node:http';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { PERSON_SUBGRAPHS } from '../subgraphs/catalog.js';

/**
 * The floor the gateway is measured against: the same rows read with hand-written SQL, one
 * statement per table (`citizen_id = ANY($1)`, all in parallel, then households by id), grouped
 * per person and serialised to JSON. No GraphQL, no federation, no DataLoader.
 */
export function rawFullView(database: Database) {
  const perCitizen: { name: string; sql: string }[] = [];
  for (const module of PERSON_SUBGRAPHS) {
    for (const value of Object.values(module.tables)) {
      if (!is(value, PgTable)) continue;
      const { schema, name, columns } = getTableConfig(value);
      if (!columns.some((c) => c.name === 'citizen_id')) continue;
      perCitizen.push({ name: `${schema}.${name}`, sql: `select * from ${schema}.${name} where citizen_id = any($1)` });
    }
  }
  const householdSql = 'select * from registry.household where household_id = any($1)';

  return {
    statements: perCitizen.length + 1,
    async read(citizenIds: string[]): Promise<string> {
      const results = await Promise.all(perCitizen.map((t) => database.query(t.sql, [citizenIds])));
      const people = new Map<string, Record<string, unknown[]>>(citizenIds.map((id) => [id, {}]));
      results.forEach((rows, i) => {
        const name = perCitizen[i]!.name;
        for (const row of rows) {
          const person = people.get(row.citizen_id as string);
          if (person) (person[name] ??= []).push(row);
        }
      });
      const registrations = results[perCitizen.findIndex((t) => t.name === 'registry.registration')] ?? [];
      const householdIds = [...new Set(registrations.map((r) => r.household_id).filter(Boolean))];
      const households = await database.query(householdSql, [householdIds]);
      const byHousehold = new Map(households.map((h) => [h.household_id, h]));
      for (const registration of registrations) registration.household = byHousehold.get(registration.household_id) ?? null;
      return JSON.stringify(citizenIds.map((id) => people.get(id)));
    },
  };
}

/**
 * The raw-SQL path as an HTTP service, the floor the gateway's HTTP throughput is held to: POST a
 * JSON `{ "citizenId": … }`, get the person's rows as JSON. No GraphQL, no policy, no audit.
 */
export function rawHttpServer(read: (citizenIds: string[]) => Promise<string>): Server {
  return createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { citizenId } = JSON.parse(body) as { citizenId: string };
      read([citizenId]).then(
        (json) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(json);
        },
        (error: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(error.message);
        },
      );
    });
  });
}
