import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../../src/gateway/compose.js';
import { incomeTaxFen, taxableIncomeFen } from '../../../src/departments/tax/income-tax.js';
import { incomeBracketOf } from '../../../src/domain/income-brackets.js';
import { fenToYuan } from '../../../src/domain/money.js';
import { CompiledPolicy } from '../../../src/policy/compile.js';
import { readPolicyFile } from '../../../src/policy/policy-file.js';
import { SUBGRAPHS } from '../../../src/subgraphs/catalog.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

interface ReturnRow {
  citizen_id: string;
  year: number;
  gross_income_fen: string;
  standard_deduction_fen: string;
  social_insurance_deduction_fen: string;
  housing_fund_deduction_fen: string;
  special_additional_deduction_fen: string;
  taxable_income_fen: string;
  tax_paid_fen: string;
}

let gw: TestGateway;
let returns: ReturnRow[];

beforeAll(async () => {
  // Seed 5 gives this population a few tax-evasion findings (a few in a thousand taxpayers).
  gw = await startTestGateway({ persons: 1200, seed: 5, as: { department: 'tax', purpose: 'tax-administration' } });
  returns = await gw.database.query<ReturnRow>('select * from tax.annual_return order by citizen_id, year desc');
}, 180_000);
afterAll(() => gw?.close());

const fen = (text: string) => Number(text);
const latestReturns = () => {
  const latest = new Map<string, ReturnRow>();
  for (const row of returns) if (!latest.has(row.citizen_id)) latest.set(row.citizen_id, row);
  return [...latest.values()];
};

const RETURN_FIELDS = 'year grossIncome deductions { standard socialInsurance housingFund specialAdditional total } taxableIncome taxPaid';

describe('annual returns, as the Local Taxation Bureau reads them (tax-administration)', () => {
  it('hold taxable = max(0, gross − deductions) and tax = IIT(taxable), to the fen, in every stored row', () => {
    expect(returns.length).toBeGreaterThan(300);
    for (const row of returns) {
      const deductions = {
        standardFen: fen(row.standard_deduction_fen),
        socialInsuranceFen: fen(row.social_insurance_deduction_fen),
        housingFundFen: fen(row.housing_fund_deduction_fen),
        specialAdditionalFen: fen(row.special_additional_deduction_fen),
      };
      expect(deductions.standardFen).toBe(6_000_000);
      expect(fen(row.taxable_income_fen)).toBe(taxableIncomeFen(fen(row.gross_income_fen), deductions));
      expect(fen(row.tax_paid_fen)).toBe(incomeTaxFen(fen(row.taxable_income_fen)));
    }
  });

  it('answer every return with its gross income, deductions, taxable income and tax exactly as stored', async () => {
    const ids = [...new Set(returns.map((r) => r.citizen_id))].slice(0, 1000);
    const { body } = await gw.query(`query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId tax { annualReturns { ${RETURN_FIELDS} } } } }`, { ids });
    expect(body.errors).toBeUndefined();
    const byId = new Map<string, ReturnRow[]>();
    for (const row of returns) byId.set(row.citizen_id, [...(byId.get(row.citizen_id) ?? []), row]);
    for (const person of body.data.persons) {
      const expected = byId.get(person.citizenId)!.map((row) => {
        const parts = [row.standard_deduction_fen, row.social_insurance_deduction_fen, row.housing_fund_deduction_fen, row.special_additional_deduction_fen].map(fen);
        return {
          year: row.year,
          grossIncome: fenToYuan(fen(row.gross_income_fen)),
          deductions: {
            standard: fenToYuan(parts[0]!),
            socialInsurance: fenToYuan(parts[1]!),
            housingFund: fenToYuan(parts[2]!),
            specialAdditional: fenToYuan(parts[3]!),
            total: fenToYuan(parts.reduce((a, b) => a + b, 0)),
          },
          taxableIncome: fenToYuan(fen(row.taxable_income_fen)),
          taxPaid: fenToYuan(fen(row.tax_paid_fen)),
        };
      });
      expect(person.tax.annualReturns).toEqual(expected);
    }
  });

  it('show someone paid about ¥51,000 with taxable income 0.00 and tax 0.00, in the lowest bracket', async () => {
    const case51k = latestReturns().find((r) => fen(r.gross_income_fen) >= 4_900_000 && fen(r.gross_income_fen) <= 5_300_000);
    expect(case51k, 'the seeded population has a return with gross pay near ¥51,000').toBeDefined();
    const { body } = await gw.query(`query($id: CitizenId!) { person(citizenId: $id) { tax { incomeBracket annualReturns { ${RETURN_FIELDS} } } } }`, { id: case51k!.citizen_id });
    const [latest] = body.data.person.tax.annualReturns;
    expect(latest.grossIncome).toBe(fenToYuan(fen(case51k!.gross_income_fen)));
    expect(Number(latest.grossIncome)).toBeGreaterThan(49_000);
    expect(latest.taxableIncome).toBe('0.00');
    expect(latest.taxPaid).toBe('0.00');
    expect(Number(latest.deductions.total)).toBeGreaterThan(Number(latest.grossIncome));
    expect(body.data.person.tax.incomeBracket).toBe('0–36000');
  });

  it('give every gross income below ¥60,000 no taxable income and no tax', () => {
    const low = returns.filter((r) => fen(r.gross_income_fen) <= 6_000_000);
    expect(low.length).toBeGreaterThan(10);
    for (const row of low) {
      expect(fen(row.taxable_income_fen)).toBe(0);
      expect(fen(row.tax_paid_fen)).toBe(0);
    }
  });

  it('derive incomeBracket from the latest taxable income, not the gross', async () => {
    const differing = latestReturns().filter((r) => incomeBracketOf(fen(r.gross_income_fen) / 100) !== incomeBracketOf(fen(r.taxable_income_fen) / 100));
    expect(differing.length).toBeGreaterThan(20);
    const ids = differing.slice(0, 200).map((r) => r.citizen_id);
    const { body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { tax { incomeBracket } } }', { ids });
    expect(body.data.persons.map((p: { tax: { incomeBracket: string } }) => p.tax.incomeBracket)).toEqual(
      differing.slice(0, 200).map((r) => incomeBracketOf(fen(r.taxable_income_fen) / 100)),
    );
  });

  it('list tax-evasion findings, most recent first, as stored', async () => {
    const findings = await gw.database.query<{ citizen_id: string; decided_on: string; tax_year: number }>(
      "select citizen_id, to_char(decided_on, 'YYYY-MM-DD') as decided_on, tax_year from tax.evasion_finding order by citizen_id, decided_on desc",
    );
    expect(findings.length, 'the seeded population has tax-evasion findings').toBeGreaterThan(0);
    const ids = [...new Set(findings.map((f) => f.citizen_id))];
    const { body } = await gw.query('query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { citizenId tax { evasionFindings { decidedOn taxYear } } } }', { ids });
    expect(body.errors).toBeUndefined();
    for (const person of body.data.persons) {
      expect(person.tax.evasionFindings).toEqual(findings.filter((f) => f.citizen_id === person.citizenId).map((f) => ({ decidedOn: f.decided_on, taxYear: f.tax_year })));
      for (const finding of person.tax.evasionFindings) expect(finding.taxYear).toBeLessThan(Number(finding.decidedOn.slice(0, 4)));
    }
  });
});

describe('what other departments see of the returns', () => {
  it('housing (public-housing-eligibility) reads the masked taxable income as its bracket, never the amount', async () => {
    const latest = latestReturns().filter((r) => fen(r.taxable_income_fen) > 0).slice(0, 50);
    expect(latest.length).toBe(50);
    const ids = latest.map((r) => r.citizen_id);
    const { body } = await gw.query(
      'query($ids: [CitizenId!]!) { persons(citizenIds: $ids) { tax { incomeBracket annualReturns { year taxableIncome } } } }',
      { ids },
      await gw.headersFor('housing', 'public-housing-eligibility'),
    );
    expect(body.errors).toBeUndefined();
    body.data.persons.forEach((person: { tax: { incomeBracket: string; annualReturns: { year: number; taxableIncome: string }[] } }, i: number) => {
      const [shown] = person.tax.annualReturns;
      expect(shown!.taxableIncome).toBe(incomeBracketOf(fen(latest[i]!.taxable_income_fen) / 100));
      expect(shown!.taxableIncome).toMatch(/^\d+–(\d+)?$|^\d+\+$/);
      expect(person.tax.incomeBracket).toBe(shown!.taxableIncome);
    });
    const text = JSON.stringify(body.data);
    for (const row of latest) {
      expect(text).not.toContain(fenToYuan(fen(row.taxable_income_fen)));
      expect(text).not.toContain(fenToYuan(fen(row.gross_income_fen)));
    }
  });

  for (const [department, purpose] of [
    ['housing', 'public-housing-eligibility'],
    ['civil-affairs', 'subsistence-allowance-assessment'],
  ] as const) {
    it(`${department} (${purpose}) is refused gross income, deductions and evasion findings: FORBIDDEN, and audited as denied`, async () => {
      const [finding] = await gw.database.query<{ citizen_id: string }>('select citizen_id from tax.evasion_finding limit 1');
      const filer = returns[0]!.citizen_id;
      const { body } = await gw.query(
        'query Probe($ids: [CitizenId!]!) { persons(citizenIds: $ids) { tax { evasionFindings { decidedOn taxYear } annualReturns { year grossIncome deductions { total } } } } }',
        { ids: [finding!.citizen_id, filer] },
        await gw.headersFor(department, purpose),
      );
      const denied = [...new Set(body.errors!.filter((e) => e.extensions!.code === 'FORBIDDEN').map((e) => e.extensions!.field as string))].sort();
      expect(denied).toEqual(['AnnualTaxReturn.deductions', 'AnnualTaxReturn.grossIncome', 'TaxSlice.evasionFindings']);
      for (const error of body.errors!) expect(error.extensions!.grantedFor).toEqual([]);
      const [found, filed] = body.data.persons;
      expect(found.tax.evasionFindings).toBeNull();
      expect(filed.tax.annualReturns.length).toBeGreaterThan(0);
      for (const annual of filed.tax.annualReturns) {
        expect(annual.grossIncome).toBeNull();
        expect(annual.deductions).toBeNull();
        expect(annual.year).toBeTypeOf('number');
      }
      const [record] = await gw.database.query<{ fields_denied: string[]; outcome: string }>(
        "select fields_denied, outcome from audit.event where department = $1 and purpose = $2 and operation_name = 'Probe' order by seq desc limit 1",
        [department, purpose],
      );
      expect([...record!.fields_denied].sort()).toEqual(['AnnualTaxReturn.deductions', 'AnnualTaxReturn.grossIncome', 'TaxSlice.evasionFindings']);
    });
  }

  it('migrant-services (residence-points-assessment) reads no tax slice at all: the points answer carries the tax indicator', async () => {
    const { body } = await gw.query(
      'query PointsProbe($id: CitizenId!) { person(citizenId: $id) { name tax { annualReturns { year taxPaid } evasionFindings { decidedOn } } } }',
      { id: returns[0]!.citizen_id },
      await gw.headersFor('migrant-services', 'residence-points-assessment'),
    );
    expect(body.data.person.name).toBeTypeOf('string');
    expect(body.data.person.tax).toBeNull();
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.field])).toEqual([['FORBIDDEN', 'Person.tax']]);
    const [record] = await gw.database.query<{ fields_denied: string[] }>(
      "select fields_denied from audit.event where department = 'migrant-services' and operation_name = 'PointsProbe' order by seq desc limit 1",
    );
    expect(record!.fields_denied).toEqual(['Person.tax']);
  });

  it('grants the evasion findings, gross income and deductions to no purpose but the tax bureau’s own', () => {
    const policy = CompiledPolicy.compile(readPolicyFile(), composeSupergraph(SUBGRAPHS).apiSchema);
    const sensitive = ['TaxSlice.evasionFindings', 'TaxEvasionFinding.decidedOn', 'TaxEvasionFinding.taxYear', 'AnnualTaxReturn.grossIncome', 'AnnualTaxReturn.deductions', 'TaxDeductions.total'];
    for (const coordinate of sensitive) {
      for (const department of ['public-security', 'education', 'health', 'housing', 'hrss', 'civil-affairs', 'migrant-services', 'statistics', 'development-reform', 'compliance']) {
        expect(policy.purposesGranting(department, coordinate), `${department} ${coordinate}`).toEqual([]);
      }
      expect(policy.purposesGranting('tax', coordinate)).toEqual(['tax-administration']);
    }
  });
});
