import { DISTRICTS, type District } from './places.js';
import { Random, Weighted } from './random.js';
import type { EducationLevel } from './model.js';

/**
 * Employers are a fixed pool derived from the seed alone, so the same company (name and unified
 * social credit code) shows up for many people across batches. A few large employers take most
 * staff: the pick is skewed towards low pool numbers.
 */
export type Sector = 'public' | 'technology' | 'manufacturing' | 'services' | 'logistics' | 'construction' | 'trade';

export interface Employer {
  name: string;
  creditCode: string;
  district: District;
  sector: Sector;
  /** The kind of public body (its name's ending, e.g. 公安分局), which decides its jobs; null for a company. */
  publicBody: PublicBody | null;
  /** Certified high-tech enterprise (高新技术企业) or research institute: a points input (POINTS.md). */
  highTech: boolean;
}

const PER_DISTRICT = 3_000;

// Where jobs are: the central business districts employ more people than live there.
const JOB_DISTRICTS = new Weighted(
  DISTRICTS.map((d) => [d, d.residentWeight + d.migrantWeight + (d.code === '440106' ? 120 : d.code === '440104' ? 60 : 0)] as const),
);

const SECTORS = new Weighted<Sector>([
  ['public', 12], ['technology', 14], ['manufacturing', 22], ['services', 22], ['logistics', 10], ['construction', 8], ['trade', 12],
]);

const BRANDS = '恒达鑫源华南粤海珠江白云南方宏图正佳万和新康泰丰嘉诚盛景佳信金穗天运广汇中联骏达聚力启航迅捷智云蓝海红棉花城五羊';
const INDUSTRY: Record<Exclude<Sector, 'public'>, string[]> = {
  technology: ['网络科技', '信息技术', '软件', '电子科技', '数据服务'],
  manufacturing: ['电子', '汽车零部件', '服装', '家具', '化妆品', '食品', '五金制品'],
  services: ['餐饮管理', '物业管理', '人力资源服务', '教育咨询', '酒店管理', '美容美发'],
  logistics: ['物流', '供应链管理', '货运代理', '快递服务'],
  construction: ['建筑工程', '装饰工程', '市政工程'],
  trade: ['贸易', '商贸', '医药连锁', '超市'],
};
/** Jobs of an employer by tier: graduate, skilled, basic. */
type Jobs = readonly [graduate: readonly string[], skilled: readonly string[], basic: readonly string[]];

const HOSPITAL: Jobs = [['医生', '护士', '药师'], ['护士', '行政文员'], ['护工', '保洁员', '保安员', '食堂厨工']];
const SCHOOL: Jobs = [['教师'], ['教师', '行政文员'], ['保洁员', '保安员', '食堂厨工']];
/**
 * District public bodies and the jobs each has, so that a police officer works at a police
 * sub-bureau and a teacher at a school (the frontline hard-sector flags are read from both).
 * The district fire brigades employ government full-time firefighters (政府专职消防员); welfare
 * homes the elderly and disabled care workers.
 */
const PUBLIC_BODIES = {
  人民医院: HOSPITAL,
  中医医院: HOSPITAL,
  妇幼保健院: HOSPITAL,
  社区卫生服务中心: [['医生', '护士'], ['护士', '行政文员'], ['保洁员', '保安员']],
  疾病预防控制中心: [['医生', '检验技师'], ['检验员', '行政文员'], ['保洁员', '保安员']],
  第一中学: SCHOOL,
  第二中学: SCHOOL,
  实验小学: SCHOOL,
  中心小学: SCHOOL,
  街道办事处: [['公务员'], ['社区工作者', '行政文员'], ['保洁员']],
  城市管理和综合执法局: [['公务员'], ['城管协管员', '行政文员'], ['环卫工人']],
  公安分局: [['民警'], ['辅警'], ['保安员', '食堂厨工']],
  消防救援大队: [['消防员'], ['专职消防员'], ['食堂厨工']],
  社会福利院: [['社会工作者', '医生'], ['养老护理员', '护士'], ['护工', '保洁员']],
} as const satisfies Record<string, Jobs>;
export type PublicBody = keyof typeof PUBLIC_BODIES;
const PUBLIC = Object.keys(PUBLIC_BODIES) as PublicBody[];

/**
 * Share of each sector's employers that are certified high-tech enterprises (高新技术企业).
 * Guangzhou had about 12,000 in 2022, well under 1% of its enterprises, but they are larger than
 * most and sit in technology and manufacturing: with these shares about one job in ten is at one,
 * near the national share of high-tech enterprises' staff in urban employment. [U] estimates.
 */
const HIGH_TECH_SHARE: Record<Sector, number> = {
  public: 0, technology: 0.45, manufacturing: 0.15, services: 0.01, logistics: 0.03, construction: 0.02, trade: 0.02,
};

/** The 31 characters of GB 32100-2015; I, O, S, V and Z are left out to avoid misreading. */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body. */
function organisationCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i]!;
    sum += (c >= 'A' ? c.charCodeAt(0) - 55 : Number(c)) * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** GB 32100 check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARACTERS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

function creditCode(random: Random, sector: Sector, district: District): string {
  // 11 = government organ, 12 = public institution, 91 = company; companies registered since the
  // 2015 reform have organisation codes beginning "MA".
  const kind = sector === 'public' ? (random.chance(0.3) ? '11' : '12') : '91';
  let body = kind === '91' && random.chance(0.6) ? 'MA' : '';
  const alphabet = body ? USCC_CHARACTERS : '0123456789';
  while (body.length < 8) body += random.pick(alphabet);
  const first17 = kind + district.code + body + organisationCheck(body);
  return first17 + creditCodeCheck(first17);
}

export class EmployerPool {
  private readonly cache = new Map<number, Employer>();

  constructor(private readonly seed: number) {}

  /** An employer for someone living in `home`: most work in their own district. */
  pick(random: Random, home: District, level: EducationLevel | null): Employer {
    const district = random.chance(0.6) ? home : random.weighted(JOB_DISTRICTS);
    const skew = highlySkilled(level) ? 2 : 3;
    const local = Math.floor(PER_DISTRICT * Math.pow(random.next(), skew));
    return this.get(DISTRICTS.indexOf(district) * PER_DISTRICT + local);
  }

  private get(number: number): Employer {
    const cached = this.cache.get(number);
    if (cached) return cached;
    const random = new Random(this.seed, 0xe3b10, number);
    const district = DISTRICTS[Math.floor(number / PER_DISTRICT)]!;
    const sector = random.weighted(SECTORS);
    const stem = district.name.slice(0, -1);
    const publicBody = sector === 'public' ? random.pick(PUBLIC) : null;
    const name =
      publicBody !== null
        ? `广州市${district.name}${publicBody}`
        : `广州${random.chance(0.3) ? stem : ''}${random.pick(BRANDS)}${random.pick(BRANDS)}${random.pick(INDUSTRY[sector as Exclude<Sector, 'public'>])}有限公司`;
    const code = creditCode(random, sector, district);
    // Drawn last, so companies keep the names and codes they had before the flag existed.
    const highTech = random.chance(HIGH_TECH_SHARE[sector]);
    const employer: Employer = { name, creditCode: code, district, sector, publicBody, highTech };
    this.cache.set(number, employer);
    return employer;
  }
}

export const highlySkilled = (level: EducationLevel | null): boolean =>
  level === 'bachelor' || level === 'master' || level === 'doctorate';

const OCCUPATIONS: Record<Exclude<Sector, 'public'>, Jobs> = {
  technology: [['软件工程师', '产品经理', '数据分析师', '测试工程师'], ['网络管理员', '客服专员', '运维技术员'], ['仓库管理员', '保安员']],
  manufacturing: [['工程师', '质量主管', '采购经理'], ['电工', '焊工', '数控车工', '质检员'], ['普工', '装配工', '缝纫工', '包装工']],
  services: [['财务经理', '人力资源专员', '培训讲师'], ['厨师', '美发师', '物业管理员', '前台接待'], ['餐厅服务员', '保洁员', '家政服务员', '保安员', '护工']],
  logistics: [['物流经理', '供应链分析师'], ['货车司机', '调度员', '叉车司机', '公交车司机'], ['快递员', '搬运工', '分拣员', '外卖骑手']],
  construction: [['建筑工程师', '造价师', '项目经理'], ['电工', '钢筋工', '架子工', '水电安装工'], ['建筑工人', '杂工']],
  trade: [['销售经理', '会计', '市场专员'], ['销售员', '收银员', '药剂员'], ['理货员', '促销员', '搬运工']],
};

/** How skilled a job is: it moves the wage as much as the holder's education does. */
export type JobTier = 'graduate' | 'skilled' | 'basic';

export function occupationFor(random: Random, employer: Employer, level: EducationLevel | null): { title: string; tier: JobTier } {
  const [graduate, skilled, basic] = employer.publicBody !== null ? PUBLIC_BODIES[employer.publicBody] : OCCUPATIONS[employer.sector as Exclude<Sector, 'public'>];
  const tier: JobTier = highlySkilled(level)
    ? random.chance(0.8) ? 'graduate' : 'skilled'
    : level === 'associate' || level === 'senior_secondary' || level === 'secondary_vocational'
      ? random.chance(0.7) ? 'skilled' : 'basic'
      : random.chance(0.25) ? 'skilled' : 'basic';
  return { title: random.pick(tier === 'graduate' ? graduate : tier === 'skilled' ? skilled : basic), tier };
}
