/**
 * Family relationship codes, GB/T 4761-2008 《家庭关系代码》 (Codes for family relationship), the
 * two-digit table: the code the household register (户口簿, 与户主关系) records for each member's
 * relation to the head of the household. The standard orders codes "direct line before collateral,
 * close before distant"; the first digit is the one-digit code of the group (0 self or head,
 * 1 spouse, 2 son, 3 daughter, 4 grandchildren, 5 parents, 6 grandparents, 7 siblings, 8 other).
 * The 2008 revision dropped the 1984 table's 03 小集体户户主 and the nanny (保姆): a collective
 * household has no head, and its members no relation code.
 */
export interface FamilyRelationEntry {
  /** The standard's own wording. */
  label: string;
  english: string;
}

export const FAMILY_RELATIONS = {
  '01': { label: '本人', english: 'self' },
  '02': { label: '户主', english: 'head of household' },
  '10': { label: '配偶', english: 'spouse' },
  '11': { label: '夫', english: 'husband' },
  '12': { label: '妻', english: 'wife' },
  '20': { label: '子', english: 'son' },
  '21': { label: '独生子', english: 'only son' },
  '22': { label: '长子', english: 'eldest son' },
  '23': { label: '次子', english: 'second son' },
  '24': { label: '三子', english: 'third son' },
  '25': { label: '四子', english: 'fourth son' },
  '26': { label: '五子', english: 'fifth son' },
  '27': { label: '养子或继子', english: 'adopted son or stepson' },
  '28': { label: '女婿', english: 'son-in-law' },
  '29': { label: '其他儿子', english: 'other son' },
  '30': { label: '女', english: 'daughter' },
  '31': { label: '独生女', english: 'only daughter' },
  '32': { label: '长女', english: 'eldest daughter' },
  '33': { label: '次女', english: 'second daughter' },
  '34': { label: '三女', english: 'third daughter' },
  '35': { label: '四女', english: 'fourth daughter' },
  '36': { label: '五女', english: 'fifth daughter' },
  '37': { label: '养女或继女', english: 'adopted daughter or stepdaughter' },
  '38': { label: '儿媳', english: 'daughter-in-law' },
  '39': { label: '其他女儿', english: 'other daughter' },
  '40': { label: '孙子、孙女或外孙子、外孙女', english: 'grandchild' },
  '41': { label: '孙子', english: "son's son" },
  '42': { label: '孙女', english: "son's daughter" },
  '43': { label: '外孙子', english: "daughter's son" },
  '44': { label: '外孙女', english: "daughter's daughter" },
  '45': { label: '孙媳妇或外孙媳妇', english: "grandson's wife" },
  '46': { label: '孙女婿或外孙女婿', english: "granddaughter's husband" },
  '47': { label: '曾孙子或外曾孙子', english: 'great-grandson' },
  '48': { label: '曾孙女或外曾孙女', english: 'great-granddaughter' },
  '49': { label: '其他孙子、孙女或外孙子、外孙女', english: 'other grandchild' },
  '50': { label: '父母', english: 'parent' },
  '51': { label: '父亲', english: 'father' },
  '52': { label: '母亲', english: 'mother' },
  '53': { label: '公公', english: "husband's father" },
  '54': { label: '婆婆', english: "husband's mother" },
  '55': { label: '岳父', english: "wife's father" },
  '56': { label: '岳母', english: "wife's mother" },
  '57': { label: '继父或养父', english: 'stepfather or adoptive father' },
  '58': { label: '继母或养母', english: 'stepmother or adoptive mother' },
  '59': { label: '其他父母关系', english: 'other parent' },
  '60': { label: '祖父母或外祖父母', english: 'grandparent' },
  '61': { label: '祖父', english: "father's father" },
  '62': { label: '祖母', english: "father's mother" },
  '63': { label: '外祖父', english: "mother's father" },
  '64': { label: '外祖母', english: "mother's mother" },
  '65': { label: '配偶的祖父母或外祖父母', english: "spouse's grandparent" },
  '66': { label: '曾祖父', english: 'great-grandfather' },
  '67': { label: '曾祖母', english: 'great-grandmother' },
  '68': { label: '配偶的曾祖父母或外曾祖父母', english: "spouse's great-grandparent" },
  '69': { label: '其他祖父母或外祖父母关系', english: 'other grandparent' },
  '70': { label: '兄弟姐妹', english: 'sibling' },
  '71': { label: '兄', english: 'elder brother' },
  '72': { label: '嫂', english: "elder brother's wife" },
  '73': { label: '弟', english: 'younger brother' },
  '74': { label: '弟媳', english: "younger brother's wife" },
  '75': { label: '姐姐', english: 'elder sister' },
  '76': { label: '姐夫', english: "elder sister's husband" },
  '77': { label: '妹妹', english: 'younger sister' },
  '78': { label: '妹夫', english: "younger sister's husband" },
  '79': { label: '其他兄弟姐妹', english: 'other sibling' },
  '80': { label: '其他', english: 'other' },
  '81': { label: '伯父', english: "father's elder brother" },
  '82': { label: '伯母', english: "father's elder brother's wife" },
  '83': { label: '叔父', english: "father's younger brother" },
  '84': { label: '婶母', english: "father's younger brother's wife" },
  '85': { label: '舅父', english: "mother's brother" },
  '86': { label: '舅母', english: "mother's brother's wife" },
  '87': { label: '姨父', english: "mother's sister's husband" },
  '88': { label: '姨母', english: "mother's sister" },
  '89': { label: '姑父', english: "father's sister's husband" },
  '90': { label: '姑母', english: "father's sister" },
  '91': { label: '堂兄弟、堂姐妹', english: 'paternal cousin' },
  '92': { label: '表兄弟、表姐妹', english: 'cousin' },
  '93': { label: '侄子', english: "brother's son" },
  '94': { label: '侄女', english: "brother's daughter" },
  '95': { label: '外甥', english: "sister's son" },
  '96': { label: '外甥女', english: "sister's daughter" },
  '97': { label: '其他亲属', english: 'other relative' },
  '99': { label: '非亲属', english: 'not related' },
} as const satisfies Record<string, FamilyRelationEntry>;

export type FamilyRelationCode = keyof typeof FAMILY_RELATIONS;

export const isFamilyRelationCode = (code: string): code is FamilyRelationCode => Object.hasOwn(FAMILY_RELATIONS, code);

/** The entry of a stored code; throws on a code the standard does not have (a corrupt row, not a caller's mistake). */
export function familyRelation(code: string): FamilyRelationEntry & { code: FamilyRelationCode } {
  if (!isFamilyRelationCode(code)) throw new Error(`${code} is not a GB/T 4761-2008 family relationship code`);
  return { code, ...FAMILY_RELATIONS[code] };
}
