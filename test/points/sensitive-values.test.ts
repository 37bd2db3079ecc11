/**
 * Answers carry quantities and bands, never the raw values behind them (POINTS.md, "what the
 * gateway should answer"; PIPL Art. 28 for tax and criminal records): no amount of tax, no exact
 * date, no district code standing in for an address.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allFivePaidFrom, ask, facts, registry, type PersonFacts } from './support.js';

/** A person whose every raw value is distinctive enough to be found if it leaked. */
function distinctivePerson(taxPaidFen: readonly [number, number, number], birthDate = '1987-03-17'): PersonFacts {
  return facts(birthDate, {
    'migrant-services': { residencePermits: [{ issuedOn: '2019-04-23', validUntil: '2026-04-22', cancelledOn: null }] },
    housing: {
      dwellings: [
        { tenure: 'rented', districtCode: '440104', since: '2019-04-23', until: '2021-09-13' },
        { tenure: 'owned', districtCode: '440117', since: '2021-09-14', until: null },
      ],
      providentFund: [{ fromMonth: '2019-05', toMonth: null }],
    },
    hrss: {
      insuranceContributions: [
        ...allFivePaidFrom('2019-05'),
        { insurance: 'pension', fromMonth: '2013-02', toMonth: '2019-04', origin: 'transferred-in' },
      ],
      employments: [{ since: '2019-04-23', until: null, highTechOrRnd: true, neededOccupation: true, frontlineHardSector: 'health' }],
      qualifications: [{ kind: 'skill-certificate', level: 3, awardedOn: '2017-11-29', worksInThatTrade: true }],
    },
    'public-security': {
      birthDate,
      administrativePenalties: [{ decidedOn: '2022-08-19' }],
      criminalPunishments: [{ sentencedOn: '2014-02-11', completedOn: '2021-06-07' }],
    },
    education: { attainments: [{ level: 'bachelor', awardedOn: '2009-06-26' }] },
    health: { bloodDonations: [{ donatedOn: '2023-10-31' }] },
    'civil-affairs': { volunteerHours: [{ year: 2023, hours: 61 }], awards: [{ level: 'city', awardedOn: '2022-12-21' }] },
    tax: {
      annualReturns: [
        { taxYear: 2022, taxPaidFen: taxPaidFen[0] },
        { taxYear: 2023, taxPaidFen: taxPaidFen[1] },
        { taxYear: 2024, taxPaidFen: taxPaidFen[2] },
      ],
      evasionFindings: [{ decidedOn: '2023-05-09' }],
    },
    'development-reform': { poorCreditRecords: [{ recordedOn: '2024-03-27' }] },
  });
}

/** Every answer the departments give for `person` under the services and the settlement rules. */
function everyAnswerText(person: PersonFacts, asOf: string): string {
  const answers = (['services', 'settlement'] as const).map((kind) => ask(registry.ruleSetInForce(kind, asOf), person, asOf));
  return JSON.stringify(answers);
}

/** The ways an amount in fen could be written: fen, yuan with decimals, whole yuan, with separators. */
function amountSpellings(fen: number): string[] {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return [String(fen), `${yuan}.${cents}`, String(yuan), grouped];
}

/** Every date and month in the facts, and the district codes. */
function rawDatesAndPlaces(person: PersonFacts): string[] {
  const text = JSON.stringify(person);
  return [...new Set([...(text.match(/\d{4}-\d{2}-\d{2}/g) ?? []), ...(text.match(/"\d{4}-\d{2}"/g) ?? []).map((m) => m.slice(1, -1)), ...(text.match(/44\d{4}/g) ?? [])])];
}

describe('no answer reveals a raw sensitive value', () => {
  const asOf = '2025-07-01';
  // ¥123,456.78, ¥87,654.32 and ¥11,223.34: ¥222,334.44 together, in the top band.
  const taxes = [12_345_678, 8_765_432, 1_122_334] as const;
  const person = distinctivePerson(taxes);
  const text = everyAnswerText(person, asOf);

  it('names the tax band, not the amount of tax in any year or in total', () => {
    expect(text).toContain('cumulative tax over 2022–2024 of ¥100,000 or more');
    for (const fen of [...taxes, taxes[0] + taxes[1] + taxes[2]]) {
      for (const spelling of amountSpellings(fen)) expect(text, spelling).not.toContain(spelling);
    }
  });

  it('gives years and counts, never a date of birth, of a punishment, or of any other fact, nor a district code', () => {
    const raw = rawDatesAndPlaces(person);
    expect(raw.length).toBeGreaterThan(15);
    for (const value of raw) expect(text, value).not.toContain(value);
    expect(text).toContain('a criminal punishment within the last 5 years');
    expect(text).toContain('1 public-security penalty in the last 5 years');
  });

  it('holds for any amount of tax and any birth date (property)', () => {
    const amount = fc.integer({ min: 1_000_001, max: 999_999_999 }).filter((fen) => Math.floor(fen / 100) % 1000 !== 0);
    const birthDate = fc
      .date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2005-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.tuple(amount, amount, amount), birthDate, (paid, born) => {
        const answerText = everyAnswerText(distinctivePerson(paid, born), asOf);
        const leaked = [...paid, paid[0] + paid[1] + paid[2]].flatMap(amountSpellings).find((s) => answerText.includes(s));
        return leaked === undefined && !answerText.includes(born);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the settlement condition on social insurance', () => {
  // Paid in Guangzhou from 2022-08: 2 years 11 months on the as-of date, short of the 4 years needed.
  const asOf = '2025-07-01';
  const person = distinctivePerson([1_000_000, 1_000_000, 1_000_000]);
  person.hrss.insuranceContributions = allFivePaidFrom('2022-08');
  const settlement = ask(registry.ruleSetInForce('settlement', asOf), person, asOf);
  const condition = settlement.conditions.find((c) => c.condition === 'social-insurance-years')!;

  it('says which insurances fall short and of what, never how many months each has (the contribution record is HRSS’s)', () => {
    expect(condition.met).toBe(false);
    expect(condition.reason).toContain('pension');
    expect(condition.reason).toContain('4 years needed');
    expect(condition.reason).not.toMatch(/\d+ (years? )?\d* ?months?\b(?! transferred)/);
    expect(condition.reason).not.toMatch(/2 years|11 months|35/);
  });
});
