import type { Employer } from '../../population/employers.js';
import type { hardSector, professionalTitleLevel } from './tables.js';

/**
 * What HRSS knows about occupations: the city's catalogue of urgently needed trades, which jobs are
 * frontline work in a hard sector, and which occupations are "the trade" of a skill certificate or
 * a professional title. The generator writes the employment flags from it, and the resolvers and
 * the points facts read "works in that trade" from it, so both always agree.
 */

export type HardSector = (typeof hardSector.enumValues)[number];
export type ProfessionalTitleLevel = (typeof professionalTitleLevel.enumValues)[number];

/**
 * Occupations in Guangzhou's catalogue of urgently needed occupations and trades
 * (急需紧缺职业（工种）目录), as far as the generator's occupations go: the skilled construction and
 * machining trades, care work and software. [U] modelled on the published lists, not copied from one.
 */
export const NEEDED_OCCUPATIONS: ReadonlySet<string> = new Set([
  '电工', '焊工', '数控车工', '钢筋工', '架子工', '水电安装工', '叉车司机', '养老护理员', '护士', '软件工程师', '数据分析师',
]);

/** Frontline jobs in the hard sectors the seed (§4) and POINTS.md favour. */
const FRONTLINE: Readonly<Record<string, HardSector>> = {
  民警: 'police',
  辅警: 'police',
  消防员: 'fire',
  专职消防员: 'fire',
  环卫工人: 'sanitation',
  公交车司机: 'transit',
  教师: 'education',
  医生: 'health',
  护士: 'health',
  养老护理员: 'elderly_disabled_care',
};

/** The hard sector a job is frontline work in, or null: read from the occupation and, for care workers, the employer. */
export function frontlineSectorOf(employer: Employer, occupation: string): HardSector | null {
  // A care worker (护工) cares for the sick in a hospital, and for the elderly and disabled in a welfare
  // home or for a care company (services).
  if (occupation === '护工') return employer.publicBody === null || employer.publicBody === '社会福利院' ? 'elderly_disabled_care' : 'health';
  return FRONTLINE[occupation] ?? null;
}

/**
 * Vocational skill certificates (职业技能等级证书) and the occupations that are working in their
 * trade. A certificate whose trade no generated occupation practises (汽车维修工) has none.
 */
export const CERTIFICATE_TRADES: Readonly<Record<string, readonly string[]>> = {
  电工: ['电工', '水电安装工'],
  焊工: ['焊工'],
  汽车维修工: [],
  中式烹调师: ['厨师', '食堂厨工'],
  美发师: ['美发师'],
  育婴员: ['家政服务员'],
  保育员: [],
  养老护理员: ['养老护理员', '护工'],
  计算机程序设计员: ['软件工程师', '测试工程师'],
  电子商务师: ['销售员', '市场专员'],
  中式面点师: ['厨师', '食堂厨工'],
  家政服务员: ['家政服务员'],
  茶艺师: ['餐厅服务员'],
  车工: ['数控车工'],
  钳工: ['装配工'],
  物流服务师: ['调度员', '物流经理'],
  保安员: ['保安员'],
  叉车司机: ['叉车司机'],
};

/**
 * Professional title series (职称系列): the title at each level, and the occupations of the series.
 * Senior covers both 副高 and 正高, as the points rules do.
 */
export const TITLE_SERIES: ReadonlyArray<{ titles: Readonly<Record<ProfessionalTitleLevel, string>>; occupations: readonly string[] }> = [
  {
    titles: { junior: '助理工程师', intermediate: '工程师', senior: '高级工程师' },
    occupations: ['工程师', '软件工程师', '测试工程师', '建筑工程师', '质量主管', '数据分析师', '造价师', '检验技师'],
  },
  { titles: { junior: '医师', intermediate: '主治医师', senior: '副主任医师' }, occupations: ['医生'] },
  { titles: { junior: '护师', intermediate: '主管护师', senior: '副主任护师' }, occupations: ['护士'] },
  { titles: { junior: '二级教师', intermediate: '一级教师', senior: '高级教师' }, occupations: ['教师', '培训讲师'] },
  { titles: { junior: '助理会计师', intermediate: '会计师', senior: '高级会计师' }, occupations: ['会计', '财务经理'] },
  {
    titles: { junior: '助理经济师', intermediate: '经济师', senior: '高级经济师' },
    occupations: ['人力资源专员', '采购经理', '销售经理', '市场专员', '物流经理', '供应链分析师', '产品经理', '项目经理'],
  },
  { titles: { junior: '助理社会工作师', intermediate: '社会工作师', senior: '高级社会工作师' }, occupations: ['社会工作者', '社区工作者'] },
];

const SERIES_OF_TITLE = new Map(TITLE_SERIES.flatMap((series) => Object.values(series.titles).map((title) => [title, series] as const)));

/** The title series whose occupations include `occupation`, or undefined. */
export const titleSeriesFor = (occupation: string) => TITLE_SERIES.find((series) => series.occupations.includes(occupation));

/** Certificates whose trade `occupation` is. */
export const certificatesFor = (occupation: string): string[] =>
  Object.entries(CERTIFICATE_TRADES).filter(([, occupations]) => occupations.includes(occupation)).map(([title]) => title);

/**
 * Whether someone whose current occupation is `occupation` (null: no current job) works in the
 * trade of a certificate or title called `title` (POINTS.md: +5 if so).
 */
export function worksInTradeOf(title: string, occupation: string | null): boolean {
  if (occupation === null) return false;
  const trade = CERTIFICATE_TRADES[title] ?? SERIES_OF_TITLE.get(title)?.occupations ?? [];
  return trade.includes(occupation);
}
