import type { District } from '../../population/places.js';
import { Random } from '../../population/random.js';
import type { schoolStage } from './tables.js';

type SchoolStage = (typeof schoolStage.enumValues)[number];

/**
 * School names and codes. A district's schools are numbered per stage, so the same number always
 * gives the same school: two children of one district often share one. Codes follow the shape of
 * the Ministry of Education's 10-digit school identifier (a type digit, the district code, a serial).
 */
export interface School {
  code: string;
  name: string;
}

const SCHOOLS_PER_DISTRICT: Record<SchoolStage, number> = {
  kindergarten: 60,
  primary: 40,
  junior_secondary: 20,
  senior_secondary: 8,
  secondary_vocational: 4,
  higher_education: 0,
};

const STAGE_DIGIT: Record<SchoolStage, string> = {
  kindergarten: '1',
  primary: '2',
  junior_secondary: '3',
  senior_secondary: '3',
  secondary_vocational: '3',
  higher_education: '4',
};

const STAGE_OFFSET: Record<SchoolStage, number> = {
  kindergarten: 0,
  primary: 0,
  junior_secondary: 0,
  senior_secondary: 500,
  secondary_vocational: 800,
  higher_education: 0,
};

const ORDINALS = ['', '第二', '第三', '第四', '第五'];
const TRADES = ['信息技术', '商贸', '旅游', '机电'];

/**
 * Higher-education institutions in Guangzhou, the largest first (their codes here are synthetic).
 * Bachelor's programmes are taught by universities and colleges (本科院校), associate ones mostly by
 * vocational colleges (高职院校), so a student's institution follows the programme.
 */
const UNIVERSITIES: readonly string[] = [
  '中山大学', '华南理工大学', '暨南大学', '华南师范大学', '广东工业大学', '广州大学', '华南农业大学',
  '广东外语外贸大学', '广州医科大学', '南方医科大学', '广州中医药大学', '广东财经大学', '广东药科大学',
  '广东技术师范大学', '仲恺农业工程学院', '广东金融学院', '广东第二师范学院', '广州航海学院', '广州美术学院',
  '星海音乐学院', '广州体育学院',
];
const VOCATIONAL_COLLEGES: readonly string[] = [
  '广州番禺职业技术学院', '广东科学技术职业学院', '广州城市职业学院', '广东交通职业技术学院', '广东机电职业技术学院',
  '广州铁路职业技术学院', '广东工贸职业技术学院', '广东农工商职业技术学院', '广东水利电力职业技术学院',
  '广州民航职业技术学院', '广州科技贸易职业学院',
];

export type HigherEducationProgramme = 'bachelor' | 'associate';

/** An institution for a student of `programme`: the larger ones more often (a Zipf-like draw). */
export function institutionFor(random: Random, programme: HigherEducationProgramme): School {
  const [list, offset] = programme === 'bachelor' ? [UNIVERSITIES, 500] : [VOCATIONAL_COLLEGES, 700];
  const n = Math.floor(list.length * Math.pow(random.next(), 1.5));
  return { code: `4144010${String(offset + n).padStart(3, '0')}`, name: list[n]! };
}

const stem = (street: string): string => street.replace(/(街|镇)$/, '');

export function schoolFor(random: Random, district: District, stage: SchoolStage): School {
  if (stage === 'higher_education') return institutionFor(random, 'bachelor');
  const n = random.int(0, SCHOOLS_PER_DISTRICT[stage] - 1);
  const street = stem(district.streets[n % district.streets.length]!);
  const ordinal = ORDINALS[Math.floor(n / district.streets.length) % ORDINALS.length]!;
  const prefix = `广州市${district.name}`;
  const name =
    stage === 'kindergarten' ? `${prefix}${street}${ordinal}幼儿园`
    : stage === 'primary' ? `${prefix}${street}${ordinal}小学`
    : stage === 'junior_secondary' ? `${prefix}${street}${ordinal}中学`
    : stage === 'senior_secondary' ? `${prefix}第${n + 1}高级中学`
    : `广州市${district.name}${TRADES[n % TRADES.length]}职业技术学校`;
  const serial = String(STAGE_OFFSET[stage] + n + 1).padStart(3, '0');
  return { code: `${STAGE_DIGIT[stage]}${district.code}${serial}`, name };
}
