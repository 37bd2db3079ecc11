import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskCitizenId, maskDate, maskMoney, maskName } from '../../src/policy/masks.js';
import { createGatewayServer } from '../../src/gateway/server.js';
import { PolicyError } from '../../src/policy/policy-file.js';
import { openTestDatabase } from '../support/database.js';
import { createTestKeys } from '../support/tokens.js';

describe('display masks (DOMAIN.md)', () => {
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskCitizenId('44010619900101123X')).toBe('440106********123X');
  });
  it('keeps the family name only', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
  });
  it('keeps an address down to its district', () => {
    expect(maskAddress('广州市白云区同和路408号8栋1008房')).toBe('广州市白云区****');
    expect(maskAddress('广州市越秀区北京路384号（越秀区公共集体户）')).toBe('广州市越秀区****');
    expect(maskAddress('somewhere unknown')).toBe('****');
  });
  it('keeps the year of a date', () => {
    expect(maskDate('1990-01-01')).toBe('1990');
  });
  it('turns an amount into its income-tax bracket', () => {
    expect(['0.00', '35999.99', '36000.00', '143999.99', '500000.00', '1200000.00'].map(maskMoney)).toEqual([
      '0–36000', '0–36000', '36000–144000', '36000–144000', '420000–660000', '960000+',
    ]);
  });
});

describe('a policy that does not fit the schema', () => {
  it('stops the gateway from starting, naming the grant and the field', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yaml');
    writeFileSync(
      file,
      `departments: { education: Education }
purposes: [{ code: school-enrolment, department: education, description: d, legalBasis: l }]
grants: [{ department: education, purpose: school-enrolment, reason: r, full: [Person.favouriteColour] }]
`,
    );
    const database = await openTestDatabase({ migrated: false });
    try {
      const start = createGatewayServer(database, { access: { verifier: (await createTestKeys()).verifier, policyFile: file }, audit: 'on' });
      await expect(start).rejects.toThrow(PolicyError);
      await expect(start).rejects.toThrow(/grants\[0\] \(education \/ school-enrolment\) full: "Person.favouriteColour" names a field Person does not have/);
    } finally {
      await database.close();
    }
  });
});
