import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { openBrowser } from '../support/browser.js';

let gw: TestGateway;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let citizenId: string;

beforeAll(async () => {
  gw = await startTestGateway({ persons: 20, seed: 12, developmentTokens: true });
  [{ citizen_id: citizenId }] = (await gw.database.query<{ citizen_id: string }>('select citizen_id from registry.person order by citizen_id limit 1')) as [{ citizen_id: string }];
  browser = await openBrowser(gw.origin);
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

describe('the GraphQL IDE in a browser with no outside network', () => {
  it('runs a query with a department token, shows the FORBIDDEN field, and the docs cut to the grant', async () => {
    const query = `{ person(citizenId: "${citizenId}") { name registration { district address } tax { status } } }`;
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/ide?query=${encodeURIComponent(query)}`);
    // A department application's developer pastes the token their identity provider issued.
    const token = (await gw.headersFor('education', 'school-enrolment', { subject: 'ide-developer' })).authorization.slice('Bearer '.length);
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('Purpose', { exact: true }).first().fill('school-enrolment');
    await page.getByLabel('Case ID').fill('ENR-2026-0042');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Connected as ide-developer \(education\) for purpose school-enrolment/);
    expect(await page.getByRole('form', { name: 'Development token' }).getByLabel('Department').inputValue()).toBe('education');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"FORBIDDEN"').waitFor();
    const text = await result.innerText();
    expect(text).toContain('Person.tax is not readable by education for \\"school-enrolment\\"');
    expect(text).toMatch(/"tax": null/);
    expect(text).toMatch(/"address": ".+\*+"/); // masked for this grant
    const [{ name }] = (await gw.database.query<{ name: string }>('select name from registry.person where citizen_id = $1', [citizenId])) as [{ name: string }];
    expect(text).toContain(name);

    // The documentation, open from the start, is the schema as this caller may read it, with owner and sensitivity.
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('person', { exact: true }).waitFor();
    const rootFields = await docs.innerText();
    expect(rootFields).toContain('persons');
    expect(rootFields).not.toContain('auditEvents');
    await docs.getByText('person', { exact: true }).click();
    await docs.getByText(/Owner: public-security/).first().waitFor();

    const shot = await browser.screenshot(page, 'ide');
    expect(existsSync(shot)).toBe(true);
    // The audit knows the request came from the IDE with the case reference typed there.
    const audited = await gw.database.query<{ case_id: string; fields_denied: string[] }>("select case_id, fields_denied from audit.event where subject = 'ide-developer' and operation_hash is not null and 'Person.tax' = any(fields_denied)");
    expect(audited.map((r) => r.case_id)).toContain('ENR-2026-0042');
    expect(browser.outside).toEqual([]);
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('gets a development token for a chosen department and purpose on a development server', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/ide`);
    const devForm = page.getByRole('form', { name: 'Development token' });
    await devForm.getByLabel('Department').selectOption('health');
    await devForm.getByLabel('Purpose').selectOption('community-health-services');
    await devForm.getByRole('button', { name: 'Get development token' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Connected as health-developer \(health\) for purpose community-health-services/);
    await page.locator('.graphiql-execute-button').waitFor();
    expect(browser.outside).toEqual([]);
    await page.close();
  });

  it('issues development tokens only for a department and one of its own purposes', async () => {
    const issue = (body: unknown) => fetch(`${gw.origin}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const foreign = await issue({ department: 'education', purpose: 'tax-administration' });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/purpose "tax-administration" is not a purpose of education; it may use: school-enrolment/);
    const unknown = await issue({ department: 'mayor', purpose: 'anything' });
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/department "mayor" is not a department/);
    const good = await issue({ department: 'education', purpose: 'school-enrolment' });
    const { token } = (await good.json()) as { token: string };
    const answer = await gw.query('{ __typename }', {}, { authorization: `Bearer ${token}`, 'x-purpose': 'school-enrolment' });
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('says what is missing instead of connecting without a token or a purpose', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.origin}/ide`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.getByRole('form', { name: 'Connection' }).getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/A token is needed/);
    await page.getByLabel('Token', { exact: true }).fill('not-a-jwt');
    await page.getByLabel('Purpose', { exact: true }).first().fill('school-enrolment');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/does not look like a JWT/);
    expect(await page.locator('.graphiql-execute-button').count()).toBe(0);
    await page.close();
  });
});
