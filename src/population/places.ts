import { dayOf, type Day } from './dates.js';
import type { NameStock } from './names.js';
import { Random, Weighted } from './random.js';

/**
 * Where people live and where they come from. District codes are GB/T 2260; weights follow the 2020
 * census, split between registered residents and migrants (Baiyun and Panyu are the largest and
 * hold most of the migrants; Yuexiu and Conghua hold few).
 */
export interface District {
  code: string;
  name: string;
  residentWeight: number;
  migrantWeight: number;
  /** Share of pre-reform residents born here with an agricultural hukou (§6): high in the outer districts. */
  agriculturalShare: number;
  /** Share of homes in villages rather than streets of flats (urban villages house many migrants). */
  villageShare: number;
  streets: string[];
  roads: string[];
}

export const DISTRICTS: readonly District[] = [
  {
    code: '440103', name: '荔湾区', residentWeight: 85, migrantWeight: 40, agriculturalShare: 0.08, villageShare: 0.08,
    streets: ['沙面街', '多宝街', '逢源街', '华林街', '冲口街', '花地街', '石围塘街', '茶滘街', '东漖街', '中南街', '彩虹街', '西村街'],
    roads: ['中山八路', '龙津西路', '芳村大道', '花地大道', '康王中路', '黄沙大道', '多宝路', '宝华路', '东漖北路', '鹤洞路'],
  },
  {
    code: '440104', name: '越秀区', residentWeight: 75, migrantWeight: 28, agriculturalShare: 0.02, villageShare: 0.02,
    streets: ['北京街', '农林街', '东山街', '大塘街', '白云街', '黄花岗街', '华乐街', '登峰街', '人民街', '光塔街', '六榕街', '建设街'],
    roads: ['东风中路', '中山五路', '北京路', '环市东路', '解放北路', '农林下路', '越秀北路', '寺右新马路', '淘金路', '东湖路', '建设六马路'],
  },
  {
    code: '440105', name: '海珠区', residentWeight: 100, migrantWeight: 80, agriculturalShare: 0.1, villageShare: 0.15,
    streets: ['赤岗街', '新港街', '昌岗街', '江南中街', '滨江街', '素社街', '海幢街', '南华西街', '琶洲街', '南石头街', '凤阳街', '瑞宝街', '江海街', '官洲街', '华洲街'],
    roads: ['江南大道中', '新港中路', '工业大道', '昌岗中路', '宝岗大道', '南洲路', '赤岗路', '石榴岗路', '广州大道南', '新港东路'],
  },
  {
    code: '440106', name: '天河区', residentWeight: 125, migrantWeight: 100, agriculturalShare: 0.12, villageShare: 0.15,
    streets: ['石牌街', '林和街', '天河南街', '沙河街', '五山街', '员村街', '车陂街', '猎德街', '冼村街', '棠下街', '天园街', '龙洞街', '长兴街', '珠吉街'],
    roads: ['天河路', '天河北路', '体育西路', '黄埔大道西', '中山大道西', '华夏路', '花城大道', '五山路', '天府路', '龙口西路', '员村二横路', '天河东路'],
  },
  {
    code: '440111', name: '白云区', residentWeight: 175, migrantWeight: 200, agriculturalShare: 0.35, villageShare: 0.4,
    streets: ['三元里街', '松洲街', '景泰街', '同德街', '黄石街', '京溪街', '同和街', '永平街', '嘉禾街', '均禾街', '石井街', '新市街', '棠景街', '太和镇', '人和镇', '钟落潭镇'],
    roads: ['机场路', '白云大道北', '广园中路', '黄石东路', '同和路', '大源中路', '石井大道', '云城西路', '齐富路', '广从一路'],
  },
  {
    code: '440112', name: '黄埔区', residentWeight: 60, migrantWeight: 65, agriculturalShare: 0.25, villageShare: 0.2,
    streets: ['黄埔街', '红山街', '鱼珠街', '大沙街', '文冲街', '穗东街', '南岗街', '长洲街', '联和街', '萝岗街', '夏港街', '永和街', '九佛街'],
    roads: ['黄埔东路', '开创大道', '科学大道', '香雪大道', '大沙地东', '丰乐北路', '开发大道', '护林路', '科丰路'],
  },
  {
    code: '440113', name: '番禺区', residentWeight: 135, migrantWeight: 130, agriculturalShare: 0.4, villageShare: 0.3,
    streets: ['市桥街', '沙头街', '东环街', '桥南街', '小谷围街', '大石街', '洛浦街', '石壁街', '钟村街', '大龙街', '南村镇', '新造镇', '化龙镇', '石楼镇', '沙湾街'],
    roads: ['清河东路', '迎宾路', '兴南大道', '汉溪大道', '兴业大道', '亚运大道', '福德路', '市广路', '番禺大道北', '南大路'],
  },
  {
    code: '440114', name: '花都区', residentWeight: 90, migrantWeight: 75, agriculturalShare: 0.5, villageShare: 0.35,
    streets: ['新华街', '新雅街', '秀全街', '花城街', '狮岭镇', '炭步镇', '赤坭镇', '花东镇', '梯面镇', '花山镇'],
    roads: ['公益路', '迎宾大道', '凤凰北路', '宝峰路', '建设北路', '龙珠路', '天贵路', '茶园路'],
  },
  {
    code: '440115', name: '南沙区', residentWeight: 45, migrantWeight: 40, agriculturalShare: 0.55, villageShare: 0.35,
    streets: ['南沙街', '珠江街', '龙穴街', '万顷沙镇', '黄阁镇', '横沥镇', '东涌镇', '大岗镇', '榄核镇'],
    roads: ['进港大道', '环市大道', '金茂中二街', '蕉门河路', '海滨路', '港前大道', '双山大道', '凤凰大道'],
  },
  {
    code: '440117', name: '从化区', residentWeight: 57, migrantWeight: 15, agriculturalShare: 0.65, villageShare: 0.45,
    streets: ['街口街', '江埔街', '城郊街', '温泉镇', '良口镇', '吕田镇', '太平镇', '鳌头镇'],
    roads: ['河滨北路', '新城东路', '从城大道', '温泉东路', '广从南路', '河滨南路'],
  },
  {
    code: '440118', name: '增城区', residentWeight: 80, migrantWeight: 65, agriculturalShare: 0.55, villageShare: 0.35,
    streets: ['荔城街', '增江街', '朱村街', '永宁街', '新塘镇', '石滩镇', '中新镇', '派潭镇', '正果镇', '仙村镇', '小楼镇'],
    roads: ['府佑路', '增城大道', '港口大道', '荔景大道', '挂绿路', '凤凰城大道', '新新大道'],
  },
];

export const DISTRICT_BY_CODE: ReadonlyMap<string, District> = new Map(DISTRICTS.map((d) => [d.code, d]));

export const RESIDENT_DISTRICTS = new Weighted(DISTRICTS.map((d) => [d, d.residentWeight] as const));
export const MIGRANT_DISTRICTS = new Weighted(DISTRICTS.map((d) => [d, d.migrantWeight] as const));

/**
 * Codes retired by boundary changes, still printed in the ID numbers of people first registered
 * under them: the counties 花县, 从化县, 增城县 and 番禺县 became county-level cities (番禺 1992, 花都
 * and 增城 1993, 从化 1994: 440181–440184), 番禺 and 花都 became districts (2000), 东山 and 芳村
 * merged into 越秀 and 荔湾 (2005), 萝岗 (2005–2014) merged into 黄埔 and 增城 and 从化 became
 * districts (2014). The county codes (4401 2x) are from memory of GB/T 2260's 1980s table.
 */
export const RETIRED_CODES = ['440102', '440107', '440116', '440121', '440122', '440125', '440126', '440181', '440182', '440183', '440184'] as const;

/**
 * Nobody was numbered before the Resident Identity Card Regulations (居民身份证条例) of 6 September
 * 1985: people registered earlier got their number, and its address code, under the codes of then.
 */
export const FIRST_NUMBERING_DAY = dayOf(1985, 9, 6);

const PANYU_CITY = dayOf(1992, 5, 27);
const HUADU_CITY = dayOf(1993, 6, 18);
const ZENGCHENG_CITY = dayOf(1993, 12, 8);
const CONGHUA_CITY = dayOf(1994, 3, 18);
const BECAME_DISTRICTS = dayOf(2000, 5, 21);
const MERGED_2005 = dayOf(2005, 4, 28);
const MERGED_2014 = dayOf(2014, 2, 12);

/**
 * The GB/T 2260 code in force on `day` for a place in today's `district`. `area` (0–1) is where in
 * the district the place lies, drawn once per address: the part of 越秀 that was 东山, of 荔湾 that
 * was 芳村, of 黄埔 that was 萝岗. A number takes the code of the county where it was first given
 * (GB 11643), and keeps it for life whatever happens to that county later.
 */
export function addressCodeOn(district: District, day: Day, area: number): string {
  switch (district.code) {
    case '440104':
      return day < MERGED_2005 && area < 0.4 ? '440102' : '440104';
    case '440103':
      return day < MERGED_2005 && area < 0.3 ? '440107' : '440103';
    case '440112':
      return day >= MERGED_2005 && day < MERGED_2014 && area < 0.5 ? '440116' : '440112';
    case '440113':
      return day < PANYU_CITY ? '440126' : day < BECAME_DISTRICTS ? '440181' : '440113';
    case '440115':
      return day < PANYU_CITY ? '440126' : day < BECAME_DISTRICTS ? '440181' : day < MERGED_2005 ? '440113' : '440115';
    case '440114':
      return day < HUADU_CITY ? '440121' : day < BECAME_DISTRICTS ? '440182' : '440114';
    case '440118':
      return day < ZENGCHENG_CITY ? '440125' : day < MERGED_2014 ? '440183' : '440118';
    case '440117':
      return day < CONGHUA_CITY ? '440122' : day < MERGED_2014 ? '440184' : '440117';
    default:
      return district.code;
  }
}

/** Every code a place in `district` could have carried on `day`, whatever its area: what a test may accept. */
export function addressCodesOn(district: District, day: Day): Set<string> {
  return new Set([0, 0.35, 0.45, 0.99].map((area) => addressCodeOn(district, day, area)));
}

/** Where migrants (来穗人员) and people who settled in Guangzhou come from. */
export interface HomeRegion {
  code: string;
  name: string;
  stock: NameStock;
  weight: number;
  ethnicities: Weighted<string>;
}

const HAN = '汉族';
const ethnicities = (minorities: Array<[string, number]>) =>
  new Weighted<string>([[HAN, 1000 - minorities.reduce((sum, [, n]) => sum + n, 0)], ...minorities]);
// Per mille, after the 2020 census of each place: Nanning is a third Zhuang, the Han cities of
// eastern Guangxi and most of Hunan hardly any minorities, Guiyang a fifth (Miao, Buyi).
const mostlyHan = ethnicities([['回族', 2], ['满族', 2], ['壮族', 1]]);
const changsha = ethnicities([['土家族', 5], ['回族', 2], ['苗族', 2]]);
const yongzhou = ethnicities([['瑶族', 50], ['苗族', 3]]);
const nanning = ethnicities([['壮族', 330], ['瑶族', 5]]);
const guilin = ethnicities([['瑶族', 50], ['壮族', 40], ['苗族', 10], ['侗族', 8]]);
const guigang = ethnicities([['壮族', 140], ['瑶族', 5]]);
const yulin = ethnicities([['壮族', 15]]);
const guiyang = ethnicities([['苗族', 80], ['布依族', 70], ['侗族', 20], ['土家族', 15], ['彝族', 10]]);
const hubei = ethnicities([['土家族', 10], ['回族', 5]]);
const hanAndHui = ethnicities([['回族', 10], ['满族', 3]]);

/** Weights: rough shares (in per mille) of Guangzhou's migrants from each place. */
export const HOME_REGIONS: readonly HomeRegion[] = [
  { code: '440507', name: '广东省汕头市龙湖区', stock: 'cantonese', weight: 60, ethnicities: mostlyHan },
  { code: '441402', name: '广东省梅州市梅江区', stock: 'cantonese', weight: 70, ethnicities: mostlyHan },
  { code: '440802', name: '广东省湛江市赤坎区', stock: 'cantonese', weight: 80, ethnicities: mostlyHan },
  { code: '440902', name: '广东省茂名市茂南区', stock: 'cantonese', weight: 70, ethnicities: mostlyHan },
  { code: '445202', name: '广东省揭阳市榕城区', stock: 'cantonese', weight: 40, ethnicities: mostlyHan },
  { code: '441802', name: '广东省清远市清城区', stock: 'cantonese', weight: 40, ethnicities: mostlyHan },
  { code: '430104', name: '湖南省长沙市岳麓区', stock: 'national', weight: 40, ethnicities: changsha },
  { code: '430602', name: '湖南省岳阳市岳阳楼区', stock: 'national', weight: 40, ethnicities: changsha },
  { code: '431102', name: '湖南省永州市零陵区', stock: 'national', weight: 50, ethnicities: yongzhou },
  { code: '431002', name: '湖南省郴州市北湖区', stock: 'national', weight: 40, ethnicities: changsha },
  { code: '430902', name: '湖南省益阳市资阳区', stock: 'national', weight: 30, ethnicities: changsha },
  { code: '450102', name: '广西壮族自治区南宁市兴宁区', stock: 'guangxi', weight: 35, ethnicities: nanning },
  { code: '450305', name: '广西壮族自治区桂林市七星区', stock: 'guangxi', weight: 25, ethnicities: guilin },
  { code: '450802', name: '广西壮族自治区贵港市港北区', stock: 'guangxi', weight: 30, ethnicities: guigang },
  { code: '450902', name: '广西壮族自治区玉林市玉州区', stock: 'guangxi', weight: 30, ethnicities: yulin },
  { code: '510104', name: '四川省成都市锦江区', stock: 'national', weight: 25, ethnicities: hanAndHui },
  { code: '511302', name: '四川省南充市顺庆区', stock: 'national', weight: 20, ethnicities: hanAndHui },
  { code: '360102', name: '江西省南昌市东湖区', stock: 'national', weight: 25, ethnicities: mostlyHan },
  { code: '360702', name: '江西省赣州市章贡区', stock: 'national', weight: 35, ethnicities: mostlyHan },
  { code: '410102', name: '河南省郑州市中原区', stock: 'national', weight: 20, ethnicities: hanAndHui },
  { code: '411302', name: '河南省南阳市宛城区', stock: 'national', weight: 25, ethnicities: hanAndHui },
  { code: '420106', name: '湖北省武汉市武昌区', stock: 'national', weight: 25, ethnicities: hubei },
  { code: '421002', name: '湖北省荆州市沙市区', stock: 'national', weight: 20, ethnicities: hubei },
  { code: '520102', name: '贵州省贵阳市南明区', stock: 'national', weight: 20, ethnicities: guiyang },
];

export const HOME_REGION_TABLE = new Weighted(HOME_REGIONS.map((r) => [r, r.weight] as const));

/**
 * Where Guangzhou natives who moved their hukou out for university went (高校集体户): the districts
 * of the largest university towns. Not used in ID numbers: only in the registration history.
 */
export const UNIVERSITY_REGIONS: readonly { code: string; name: string }[] = [
  { code: '110108', name: '北京市海淀区' },
  { code: '310110', name: '上海市杨浦区' },
  { code: '420111', name: '湖北省武汉市洪山区' },
  { code: '430104', name: '湖南省长沙市岳麓区' },
  { code: '510107', name: '四川省成都市武侯区' },
  { code: '320106', name: '江苏省南京市鼓楼区' },
];

/** Ethnicity of people born in Guangzhou: Han, with the city's old Hui and Manchu communities. */
export const GUANGZHOU_ETHNICITIES = mostlyHan;

/** Every address code the generator can put in an ID number, for the sequence allocator's index. */
export const ALL_ADDRESS_CODES: readonly string[] = [
  ...DISTRICTS.map((d) => d.code),
  ...RETIRED_CODES,
  ...HOME_REGIONS.map((r) => r.code),
];

export const GUANGZHOU_CODES: ReadonlySet<string> = new Set([...DISTRICTS.map((d) => d.code), ...RETIRED_CODES]);

const VILLAGES = ['大朗', '石马', '沙涌', '岑头', '塘厦', '龙归', '东平', '西岸', '北亭', '石湖', '新围', '水口', '坑头', '横沙', '黄边', '陈田', '江夏', '沙河', '上社', '南浦'];

/** A registration or home address in the district: a flat in a numbered building, or a village house. */
export function streetAddress(district: District, random: Random): string {
  if (random.chance(district.villageShare)) {
    const street = random.pick(district.streets);
    return `广州市${district.name}${street}${random.pick(VILLAGES)}村${random.int(1, 40)}巷${random.int(1, 60)}号`;
  }
  const floor = random.int(1, 33);
  const room = `${floor}${String(random.int(1, 8)).padStart(2, '0')}`;
  return `广州市${district.name}${random.pick(district.roads)}${random.int(1, 999)}号${random.int(1, 20)}栋${room}房`;
}

/**
 * A home in the district with the street (街道) or town (镇) it belongs to: the unit in which the
 * census counts people living away from their registration (人户分离).
 */
export function homeInStreet(district: District, random: Random): { street: string; address: string } {
  const street = random.pick(district.streets);
  if (random.chance(district.villageShare)) {
    return { street, address: `广州市${district.name}${street}${random.pick(VILLAGES)}村${random.int(1, 40)}巷${random.int(1, 60)}号` };
  }
  const room = `${random.int(1, 33)}${String(random.int(1, 8)).padStart(2, '0')}`;
  return { street, address: `广州市${district.name}${street}${random.pick(district.roads)}${random.int(1, 999)}号${random.int(1, 20)}栋${room}房` };
}

/** Community health centres are run per street (街道) or town (镇). */
export function communityHealthCentre(district: District, random: Random): string {
  return `${district.name}${random.pick(district.streets)}社区卫生服务中心`;
}
