import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

/**
 * The schooling corrections as a school admissions officer sees them through the gateway: a migrant
 * child on the waiting list has no school place now, and a university student's current
 * enrolment is at a named institution of higher education.
 */
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 1000, seed: 43, as: { department: 'education', purpose: 'school-enrolment' } });
}, 300_000);
afterAll(() => gw?.close());

const SCHOOLING = `query($ids: [CitizenId!]!) {
  persons(citizenIds: $ids) { citizenId education { migrantChildSchooling currentEnrolment { stage grade schoolName } enrolments { stage leftOn } } }
}`;

describe('schooling through the gateway', () => {
  it('shows a waiting-list child with no current enrolment, only the stages they finished', async () => {
    const waiting = (
      await gw.database.query<{ citizen_id: string }>("select citizen_id from education.learner where migrant_child_schooling = 'waiting_list' order by citizen_id")
    ).map((r) => r.citizen_id);
    expect(waiting.length).toBeGreaterThan(0);
    const { body } = await gw.query(SCHOOLING, { ids: waiting });
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) {
      expect(person.education.migrantChildSchooling).toBe('WAITING_LIST');
      expect(person.education.currentEnrolment).toBeNull();
      for (const enrolment of person.education.enrolments) expect(enrolment.leftOn).not.toBeNull();
    }
  });

  it('shows a placed migrant child at school now', async () => {
    const placed = (
      await gw.database.query<{ citizen_id: string }>(
        "select citizen_id from education.learner where migrant_child_schooling is not null and migrant_child_schooling <> 'waiting_list' order by citizen_id limit 10",
      )
    ).map((r) => r.citizen_id);
    expect(placed.length).toBeGreaterThan(5);
    const { body } = await gw.query(SCHOOLING, { ids: placed });
    for (const person of body.data.persons) expect(person.education.currentEnrolment.stage).toMatch(/^(PRIMARY|JUNIOR_SECONDARY|SENIOR_SECONDARY|SECONDARY_VOCATIONAL)$/);
  });

  it('shows a university student enrolled in higher education at a named university or college', async () => {
    const students = (
      await gw.database.query<{ citizen_id: string }>(
        "select citizen_id from education.enrolment where stage = 'higher_education' and left_on is null order by citizen_id limit 10",
      )
    ).map((r) => r.citizen_id);
    expect(students.length).toBe(10);
    const { body } = await gw.query(SCHOOLING, { ids: students });
    for (const person of body.data.persons) {
      expect(person.education.currentEnrolment).toMatchObject({ stage: 'HIGHER_EDUCATION', schoolName: expect.stringMatching(/(大学|学院)$/) });
      expect(person.education.currentEnrolment.grade).toBeGreaterThanOrEqual(1);
      expect(person.education.currentEnrolment.grade).toBeLessThanOrEqual(4);
    }
  });
});
