import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { openBrowser } from '../support/browser.js';

let gw: TestGateway;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let watched: string;
let other: string;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 20, seed: 13, developmentTokens: true });
  [{ citizen_id: watched }, { citizen_id: other }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 2')) as [
    { citizen_id: string },
    { citizen_id: string },
  ];
  // The history an officer investigates: education read `watched` for a case, health read
  // someone else, and a forged token was refused.
  const person = 'query Enrol($id: CitizenId!) { person(citizenId: $id) { name tax { status } } }';
  await gw.query(person, { id: watched }, { ...(await gw.headersFor('education', 'school-enrolment', { subject: 'clerk-li' })), 'x-case-id': 'ENR-77' });
  await gw.query(person, { id: other }, await gw.headersFor('health', 'community-health-services'));
  await gw.query('{ __typename }', {}, { authorization: 'Bearer forged.token.here', 'x-purpose': 'school-enrolment' });
  browser = await openBrowser(gw.origin);
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

describe('the compliance console in a browser with no outside network', () => {
  it('finds a known access by citizen ID, shows the record, and verifies the chain', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/compliance`);
    const token = (await gw.headersFor('compliance', 'access-review', { subject: 'officer-wang' })).authorization.slice('Bearer '.length);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();

    await page.getByLabel('Citizen ID').fill(watched);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const table = page.getByRole('table', { name: 'Audit records' });
    await table.getByText('clerk-li').waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(1); // only the access to this citizen, not health's
    const row = await rows.first().innerText();
    expect(row).toContain('education');
    expect(row).toContain('school-enrolment');

    const [{ seq }] = (await gw.database.query<{ seq: string }>("select seq from audit.event where subject = 'clerk-li'")) as [{ seq: string }];
    await page.getByRole('button', { name: `Details of record ${seq}`, exact: true }).click();
    const details = page.getByRole('heading', { name: `Record ${seq}` });
    await details.waitFor();
    const record = await page.locator('body').innerText();
    expect(record).toContain('ENR-77');
    expect(record).toContain('Person.tax'); // denied, and shown as such
    expect(record).toContain(watched);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.locator('#verify-result');
    await expect.poll(() => verdict.textContent()).toMatch(/Chain intact: \d+ records checked/);

    // The refused forged token is flagged.
    await expect.poll(() => page.getByRole('heading', { name: 'Refused requests' }).locator('xpath=..').innerText()).toMatch(/UNAUTHENTICATED/);

    const shot = await browser.screenshot(page, 'compliance', { fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(browser.outside).toEqual([]);
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('shows a broken chain as broken, naming the record', async () => {
    await gw.database.query('alter table audit.event disable trigger user');
    await gw.database.query("update audit.event set subject = 'someone-else' where subject = 'clerk-li'");
    await gw.database.query('alter table audit.event enable trigger user');
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/compliance`);
    // A new tab: the token lives in sessionStorage, one tab's only.
    const token = (await gw.headersFor('compliance', 'access-review')).authorization.slice('Bearer '.length);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.locator('#verify-result');
    await expect.poll(() => verdict.textContent()).toMatch(/Chain BROKEN at record 1: record 1 was altered/);
    expect(await verdict.getAttribute('class')).toContain('verify-broken');
    await page.close();
  });

  it('signs in with a development token on a development server', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/compliance`);
    await page.getByRole('button', { name: 'Get development token' }).click();
    await expect.poll(() => page.locator('#session-summary').textContent()).toMatch(/compliance-developer/);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('table', { name: 'Audit records' }).locator('tbody tr').first().waitFor();
    await page.close();
  });

  it('answers an old 15-digit citizen ID with its 18-digit form, from the gateway', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/compliance`);
    const token = (await gw.headersFor('compliance', 'access-review')).authorization.slice('Bearer '.length);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByLabel('Citizen ID').fill('440106900101123');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/18-digit form is 440106199001011235/);
    await page.close();
  });

  it('refuses a department token with the server\'s message', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/compliance`);
    const token = (await gw.headersFor('education', 'school-enrolment')).authorization.slice('Bearer '.length);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/education/);
    await page.close();
  });
});
