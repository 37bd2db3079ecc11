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

/** Universities in Guangzhou, the largest first; their codes here are synthetic. */
const UNIVERSITIES: readonly string[] = [
  '中山大学', '华南理工大学', '暨南大学', '华南师范大学', '广东工业大学', '广州大学', '广东外语外贸大学',
  '华南农业大学', '广州医科大学', '南方医科大学', '广东财经大学', '广州番禺职业技术学院', '广东轻工职业技术学院',
  '广州城市职业学院', '广东交通职业技术学院',
];

const stem = (street: string): string => street.replace(/(街|镇)$/, '');

export function schoolFor(random: Random, district: District, stage: SchoolStage): School {
  if (stage === 'higher_education') {
    const n = Math.floor(UNIVERSITIES.length * Math.pow(random.next(), 1.5));
    return { code: `4144010${String(500 + n).padStart(3, '0')}`, name: UNIVERSITIES[n]! };
  }
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
