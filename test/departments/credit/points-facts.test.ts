import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsFactsOf } from '../../../src/departments/credit/points-facts.js';
import { makeCitizenId } from '../../../src/domain/citizen-id.js';
import { seedPopulation } from '../../../src/population/load.js';
import { createSubgraphContext } from '../../../src/subgraphs/context.js';
import { openTestDatabase } from '../../support/database.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let everyone: string[];

const context = () => createSubgraphContext(database, { department: 'development-reform', purpose: 'credit-administration' });

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database, { persons: 3000, seed: 5 });
  // One person with a standing record and a removed one, so both sides of the rule are seen whatever the generator drew.
  const [someone] = await database.query<{ citizen_id: string }>(
    `select citizen_id from registry.person p where birth_date <= '1990-01-01'
     and not exists (select 1 from credit.poor_credit_record c where c.citizen_id = p.citizen_id) order by citizen_id limit 1`,
  );
  await database.query(
    `insert into credit.poor_credit_record (record_no, citizen_id, kind, listed_by, recorded_on, removed_on) values
       ('TEST-STANDING', $1, 'dishonest_judgment_debtor', '广州市白云区人民法院', '2025-02-11', null),
       ('TEST-REPAIRED', $1, 'agency_serious_dishonesty', '广州市医疗保障局', '2022-09-30', '2024-01-05')`,
    [someone!.citizen_id],
  );
  everyone = (await database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id')).map((r) => r.citizen_id);
});
afterAll(() => database?.close());

describe('development-reform points facts', () => {
  it('are the records still standing, oldest first, for every person in the population, in one statement', async () => {
    const standing = await database.query<{ citizen_id: string; recorded_on: string }>(
      'select citizen_id, recorded_on::text as recorded_on from credit.poor_credit_record where removed_on is null order by recorded_on, record_no',
    );
    const expected = new Map<string, { recordedOn: string }[]>(everyone.map((id) => [id, []]));
    for (const row of standing) expected.get(row.citizen_id)!.push({ recordedOn: row.recorded_on });

    const statements: string[] = [];
    const stop = database.onStatement((sql) => statements.push(sql));
    const ctx = context();
    const facts = await Promise.all(everyone.map((id) => pointsFactsOf(ctx, id)));
    stop();

    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('from "credit"."poor_credit_record"');
    expect(statements[0]).not.toContain('$2');
    everyone.forEach((id, i) => expect(facts[i], id).toEqual({ poorCreditRecords: expected.get(id) }));
    // Not vacuous: people with standing records were answered, and most people have none.
    expect(facts.filter((f) => f.poorCreditRecords.length > 0).length).toBeGreaterThan(1);
    expect(facts.filter((f) => f.poorCreditRecords.length === 0).length).toBeGreaterThan(everyone.length * 0.95);
  });

  it('leave out records removed from the list (performed, expired or repaired), since they may no longer ground a deduction', async () => {
    const removed = await database.query<{ citizen_id: string; recorded_on: string }>(
      'select citizen_id, recorded_on::text as recorded_on from credit.poor_credit_record where removed_on is not null',
    );
    expect(removed.length).toBeGreaterThan(0);
    const ctx = context();
    for (const row of removed) {
      const facts = await pointsFactsOf(ctx, row.citizen_id);
      const [still] = await database.query<{ n: number }>(
        'select count(*)::int as n from credit.poor_credit_record where citizen_id = $1 and removed_on is null',
        [row.citizen_id],
      );
      expect(facts.poorCreditRecords, row.citizen_id).toHaveLength(still!.n);
    }
    const [mixed] = await database.query<{ citizen_id: string }>("select citizen_id from credit.poor_credit_record where record_no = 'TEST-STANDING'");
    expect(await pointsFactsOf(ctx, mixed!.citizen_id)).toEqual({ poorCreditRecords: [{ recordedOn: '2025-02-11' }] });
  });

  it('are empty for a person the platform holds nothing on, known to the city or not', async () => {
    const ctx = context();
    const stranger = makeCitizenId('110105', '1970-05-06', 7);
    const [clean] = await database.query<{ citizen_id: string }>(
      'select citizen_id from registry.person p where not exists (select 1 from credit.poor_credit_record c where c.citizen_id = p.citizen_id) limit 1',
    );
    expect(await pointsFactsOf(ctx, stranger)).toEqual({ poorCreditRecords: [] });
    expect(await pointsFactsOf(ctx, clean!.citizen_id)).toEqual({ poorCreditRecords: [] });
  });
});
