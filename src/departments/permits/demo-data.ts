import { addMonths, addYears, ageOn, civil, dayOf, iso, REFERENCE_DAY, type Day } from '../../population/dates.js';
import { defineDemoData, type DemoRows } from '../../population/demo-data.js';
import type { Individual } from '../../population/model.js';
import { DISTRICTS, streetAddress, type District } from '../../population/places.js';
import type { Random } from '../../population/random.js';
import { permitEndorsement, residencePermit, residenceRegistration } from './tables.js';

const TABLES = { residenceRegistration, residencePermit, permitEndorsement };
type Rows = DemoRows<typeof TABLES>;

/**
 * Residence registrations, permits and endorsements of the migrants (来穗人员). The shares are the
 * generator's own estimates, not published figures; where a date comes from a rule, the rule is named.
 */

/**
 * Guangdong's residence permit replaced the temporary residence permit (暂住证) on 1 January 2010
 * (广东省流动人口服务管理条例, revised 2009): nobody holds one issued earlier. The yearly
 * endorsement of the national regulation (居住证暂行条例, 2016) is applied to every year, a
 * simplification of Guangdong's earlier multi-year validity.
 */
const PERMITS_FROM = dayOf(2010, 1, 1);

/** 居住证暂行条例 Art. 2: a permit needs half a year's residence (and work, a home or study). */
const RESIDENCE_BEFORE_PERMIT_MONTHS = 6;

/**
 * Who holds a permit, among migrants registered for six months: nearly every worker (points,
 * insurance, their children's school places depend on it); fewer students and people without work
 * (a registered home also qualifies); a third of children, on a guardian's application (Art. 9:
 * under 16 through a guardian), usually when a school place is sought.
 */
const HOLDS = { worker: 0.9, student: 0.6, other: 0.5, child: 0.35 } as const;

/** Chance of endorsing each year in time: workers keep their points' years unbroken; others forget more often. */
const KEEPS_UP = { worker: 0.95, student: 0.88, other: 0.88, child: 0.9 } as const;

/** Chance a lapsed permit is taken up again (a new permit renewing it), after 2 weeks to 18 months. */
const TAKES_UP_AGAIN = 0.65;

/** Chance an adult migrant lived here once before, left (the permit cancelled) and came back. */
const EARLIER_STAY = 0.05;

type Kind = keyof typeof HOLDS;

function kindOf(who: Individual): Kind {
  if (who.age < 16) return 'child';
  if (who.work.jobs.some((job) => job.until === null)) return 'worker';
  return who.schooling.student ? 'student' : 'other';
}

const yyyymmdd = (day: Day) => iso(day).replaceAll('-', '');

/**
 * The bureau publishes no number format, so this one is the record's own: the issuing district's
 * GB/T 2260 code, the year of issue and a 9-digit serial (the person's place in the population and
 * the permit's ordinal), 19 digits in all, never mistaken for an 18-character citizen ID.
 */
const permitNumber = (district: District, issued: Day, who: Individual, ordinal: number) =>
  `${district.code}${civil(issued)[0]}${String(who.index * 10 + ordinal).padStart(9, '0')}`;

/** Registration reference: 登记 (DJ), the district, the date and a serial of the person's stays. */
const registrationNumber = (district: District, on: Day, who: Individual, stay: number) =>
  `DJ${district.code}${yyyymmdd(on)}${String(who.index * 10 + stay).padStart(9, '0')}`;

interface Stay {
  referenceNo: string;
  district: District;
  /** The day the stay ended (the permit cancelled on leaving); null while it goes on. */
  left: Day | null;
}

class PermitWriter {
  private ordinal = 0;

  constructor(
    private readonly random: Random,
    private readonly who: Individual,
    private readonly rows: Rows,
  ) {}

  registration(stay: number, district: District, registeredOn: Day, address: string, left: Day | null): Stay {
    const referenceNo = registrationNumber(district, registeredOn, this.who, stay);
    this.rows.residenceRegistration.push({
      referenceNo,
      citizenId: this.who.citizenId,
      registeredOn: iso(registeredOn),
      districtCode: district.code,
      address,
      endedOn: left === null ? null : iso(left),
    });
    return { referenceNo, district, left };
  }

  /**
   * Permits on one stay from `issued` on: each year endorsed within the month before it ends, with
   * chance `keepsUp`; an unendorsed one lapses and may be taken up again by a new permit renewing it.
   * Leaving the city cancels the permit held then.
   */
  permits(stay: Stay, issued: Day, keepsUp: number): void {
    let renews: string | null = null;
    for (;;) {
      const permitNo = permitNumber(stay.district, issued, this.who, this.ordinal++);
      let validUntil = addYears(issued, 1) - 1;
      let cancelledOn: Day | null = null;
      let lapsed = false;
      const endorsements: Rows['permitEndorsement'] = [];
      for (let year = 1; ; year++) {
        if (stay.left !== null && stay.left <= validUntil) {
          cancelledOn = stay.left;
          break;
        }
        const nextYear = addYears(issued, year);
        // 居住证暂行条例 Art. 10: within the month before each year of residence is complete.
        const endorsedOn = nextYear - this.random.int(1, 30);
        if (endorsedOn > REFERENCE_DAY) break;
        if (!this.random.chance(keepsUp)) {
          lapsed = true;
          break;
        }
        validUntil = addYears(issued, year + 1) - 1;
        endorsements.push({ permitNo, citizenId: this.who.citizenId, endorsedOn: iso(endorsedOn), validityYear: year + 1 });
      }
      this.rows.residencePermit.push({
        permitNo,
        citizenId: this.who.citizenId,
        registrationNo: stay.referenceNo,
        issuingDistrictCode: stay.district.code,
        issuedOn: iso(issued),
        appliedByGuardian: ageOn(this.who.birth, issued) < 16,
        cancelledOn: cancelledOn === null ? null : iso(cancelledOn),
        cancellationReason: cancelledOn === null ? null : 'left_city',
        renewsPermitNo: renews,
      });
      this.rows.permitEndorsement.push(...endorsements);
      if (!lapsed || validUntil >= REFERENCE_DAY || this.ordinal > 9 || !this.random.chance(TAKES_UP_AGAIN)) return;
      const again = validUntil + 1 + this.random.int(14, 540);
      if (again > REFERENCE_DAY) return;
      renews = permitNo;
      issued = again;
    }
  }
}

/**
 * An earlier stay in the city, ended by leaving (the permit cancelled) well before the current
 * residence registration: only for adults who could have held a permit then.
 */
function earlierStay(random: Random, who: Individual, writer: PermitWriter): void {
  if (who.age < 18 || !random.chance(EARLIER_STAY)) return;
  const away = who.registeredSince - random.int(60, 720);
  const from = Math.max(addYears(who.birth, 16), addMonths(PERMITS_FROM, -RESIDENCE_BEFORE_PERMIT_MONTHS));
  // Room for registration, half a year, the permit, and at least 200 days holding it.
  const latestStart = away - 200 - 90 - 190;
  if (latestStart < from) return;
  const registeredOn = random.int(from, latestStart);
  const issued = Math.max(addMonths(registeredOn, RESIDENCE_BEFORE_PERMIT_MONTHS), PERMITS_FROM) + random.int(0, 90);
  if (issued + 200 > away) return;
  const left = random.int(issued + 200, Math.min(away, issued + 6 * 365));
  const district = random.chance(0.5) ? who.district : random.pick(DISTRICTS);
  const stay = writer.registration(0, district, registeredOn, streetAddress(district, random), left);
  writer.permits(stay, issued, 1);
}

function permitsOf(random: Random, who: Individual, address: string, rows: Rows): void {
  const writer = new PermitWriter(random, who, rows);
  earlierStay(random, who, writer);
  const stay = writer.registration(1, who.district, who.registeredSince, address, null);
  const kind = kindOf(who);
  // A guardian applies for a child when a service asks for it, a kindergarten place at the earliest.
  const eligible = Math.max(
    addMonths(who.registeredSince, RESIDENCE_BEFORE_PERMIT_MONTHS),
    PERMITS_FROM,
    kind === 'child' ? addYears(who.birth, 2) : who.birth,
  );
  if (eligible > REFERENCE_DAY || !random.chance(HOLDS[kind])) return;
  // Most apply within two months of becoming eligible; some only years later, when a service needs it.
  const latest = Math.min(REFERENCE_DAY, eligible + (random.chance(0.65) ? 60 : 3 * 365));
  writer.permits(stay, random.int(eligible, latest), KEEPS_UP[kind]);
}

/** After work (hrss), which decides who is a worker; schooling (education) comes before work. */
export const demoData = defineDemoData({
  tables: TABLES,
  after: ['hrss'],
  fill(unit, rows) {
    for (const who of unit.people) if (who.migrant) permitsOf(unit.random, who, unit.household.address, rows);
  },
});
